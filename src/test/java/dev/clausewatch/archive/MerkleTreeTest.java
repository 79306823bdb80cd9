package dev.clausewatch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 9162 algorithms against each other, for every size up to 40: proofs made verify, and altered ones do not. */
class MerkleTreeTest {
    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) leaves.add(MerkleTree.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8)));
        return leaves;
    }

    @Test
    void the_tree_of_rfc_6962s_shape_hashes_leaves_and_nodes_apart() {
        List<byte[]> three = leaves(3);
        byte[] expected = MerkleTree.nodeHash(MerkleTree.nodeHash(three.get(0), three.get(1)), three.get(2));
        assertThat(MerkleTree.root(three, 3)).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(MerkleTree.root(List.of(), 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void every_inclusion_proof_verifies_and_fails_for_another_leaf_or_root() {
        List<byte[]> all = leaves(40);
        for (int size = 1; size <= 40; size++) {
            byte[] root = MerkleTree.root(all, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(all, index, size);
                assertThat(MerkleTree.verifyInclusion(all.get(index), index, size, proof, root)).as("leaf %d of %d", index, size).isTrue();
                assertThat(MerkleTree.verifyInclusion(all.get((index + 1) % 40), index, size, proof, root)).isFalse();
                assertThat(MerkleTree.verifyInclusion(all.get(index), index, size, proof, MerkleTree.root(all, size == 40 ? 39 : size + 1))).isFalse();
            }
        }
    }

    @Test
    void every_consistency_proof_verifies_and_a_rewritten_prefix_does_not() {
        List<byte[]> all = leaves(40);
        List<byte[]> rewritten = new ArrayList<>(all);
        rewritten.set(0, MerkleTree.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
        for (int newSize = 1; newSize <= 40; newSize++) {
            for (int oldSize = 1; oldSize <= newSize; oldSize++) {
                List<byte[]> proof = MerkleTree.consistencyProof(all, oldSize, newSize);
                assertThat(MerkleTree.verifyConsistency(oldSize, MerkleTree.root(all, oldSize), newSize, MerkleTree.root(all, newSize), proof))
                        .as("%d → %d", oldSize, newSize).isTrue();
                List<byte[]> forged = MerkleTree.consistencyProof(rewritten, oldSize, newSize);
                assertThat(MerkleTree.verifyConsistency(oldSize, MerkleTree.root(all, oldSize), newSize, MerkleTree.root(rewritten, newSize), forged))
                        .as("a rewritten first leaf, %d → %d", oldSize, newSize).isFalse();
            }
        }
    }

    @Test
    void the_frontier_gives_the_same_roots_in_one_pass() {
        List<byte[]> all = leaves(100);
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        for (int size = 1; size <= 100; size++) {
            frontier.add(all.get(size - 1));
            assertThat(frontier.root()).as("size %d", size).isEqualTo(MerkleTree.root(all, size));
        }
    }
}
