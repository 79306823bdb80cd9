package dev.clausewatch.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of Certificate Transparency (RFC 6962, RFC 9162 §2.1) over a list of leaf
 * hashes: the tree head of the first n leaves, the inclusion proof of one leaf, the consistency
 * proof between two sizes, and the verification of both against tree heads alone. Leaves and
 * nodes are hashed with distinct prefixes (0x00, 0x01), so a leaf can never pass for a node.
 */
public final class MerkleTree {
    private MerkleTree() {}

    /** The leaf hash of a record's canonical bytes: SHA-256(0x00 ‖ bytes). */
    public static byte[] leafHash(byte[] record) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(record);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH(D[0:n]) of the first {@code size} leaf hashes; the empty tree's head is SHA-256 of nothing. */
    public static byte[] root(List<byte[]> leaves, int size) {
        if (size == 0) return sha256().digest();
        return subtree(leaves, 0, size);
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) return leaves.get(from);
        int k = largestPowerOfTwoBelow(to - from);
        return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }

    /** PATH(m, D[0:n]): the audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, int index, int size) {
        if (index < 0 || index >= size || size > leaves.size()) throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
        List<byte[]> path = new ArrayList<>();
        path(leaves, index, 0, size, path);
        return path;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        if (to - from <= 1) return;
        int k = largestPowerOfTwoBelow(to - from);
        if (m - from < k) {
            path(leaves, m, from, from + k, out);
            out.add(subtree(leaves, from + k, to));
        } else {
            path(leaves, m, from + k, to, out);
            out.add(subtree(leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} shows that {@code leaf} is leaf {@code index} of the tree with {@code root} and {@code size}. */
    public static boolean verifyInclusion(byte[] leaf, int index, int size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) return false;
        long fn = index, sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : proof) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** PROOF(m, D[0:n]): the consistency proof from the tree of the first {@code oldSize} leaves to that of the first {@code newSize}. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, int oldSize, int newSize) {
        if (oldSize < 0 || oldSize > newSize || newSize > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from " + oldSize + " to " + newSize + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) subproof(leaves, oldSize, 0, newSize, true, proof);
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) out.add(subtree(leaves, from, to));
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, out);
            out.add(subtree(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(subtree(leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.4.2: whether {@code proof} shows the tree ({@code oldSize}, {@code oldRoot}) is a prefix of ({@code newSize}, {@code newRoot}). */
    public static boolean verifyConsistency(int oldSize, byte[] oldRoot, int newSize, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 0 || oldSize > newSize) return false;
        if (oldSize == newSize) return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        if (oldSize == 0) return proof.isEmpty();
        List<byte[]> path = new ArrayList<>(proof);
        if (Integer.bitCount(oldSize) == 1) path.addFirst(oldRoot);
        if (path.isEmpty()) return false;
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst(), sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    /**
     * The roots of a growing log at many sizes in one pass: keeps the perfect subtrees the leaves
     * so far make (one per bit of the count), and folds them from the right for the root.
     */
    public static final class Frontier {
        private final List<byte[]> perfect = new ArrayList<>();
        private final List<Integer> heights = new ArrayList<>();
        private int size;

        public void add(byte[] leaf) {
            byte[] node = leaf;
            int height = 0;
            while (!heights.isEmpty() && heights.getLast() == height) {
                node = nodeHash(perfect.removeLast(), node);
                heights.removeLast();
                height++;
            }
            perfect.add(node);
            heights.add(height);
            size++;
        }

        public int size() {
            return size;
        }

        /** MTH of the leaves added so far. */
        public byte[] root() {
            if (perfect.isEmpty()) return sha256().digest();
            byte[] root = perfect.getLast();
            for (int i = perfect.size() - 2; i >= 0; i--) root = nodeHash(perfect.get(i), root);
            return root;
        }
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
