package dev.clausewatch.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement of the archive's log: its first {@code size} records have the Merkle tree
 * head {@code rootHash}, as of {@code signedAt}. {@code keyId} names the Ed25519 key that signed
 * it (the SHA-256 of its public key); {@code publicKey} travels with a head handed over, so a
 * reader can check it without the archive.
 */
public record TreeHead(int size, String rootHash, Instant signedAt, String keyId, String publicKey, String signature) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes that are signed: a fixed label, the size, the root and the time, one per line. */
    public static byte[] statement(int size, String rootHash, Instant signedAt) {
        return ("clausewatch-tree-head-v1\n" + size + "\n" + rootHash + "\n" + Chain.instant(signedAt) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] statement() {
        return statement(size, rootHash, signedAt);
    }

    public byte[] root() {
        return HexFormat.of().parseHex(rootHash);
    }

    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("size", size);
        fields.put("rootHash", rootHash);
        fields.put("signedAt", Chain.instant(signedAt));
        fields.put("keyId", keyId);
        fields.put("publicKey", publicKey);
        fields.put("signature", signature);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A head kept as JSON (what {@link #toJson} wrote); a malformed one is refused naming the field. */
    public static TreeHead fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a tree head must be JSON: " + e.getOriginalMessage());
        }
        for (String field : new String[] {"size", "rootHash", "signedAt", "keyId", "publicKey", "signature"}) {
            if (node == null || !node.hasNonNull(field)) throw new IllegalArgumentException("the tree head has no \"" + field + "\"");
        }
        if (!node.get("size").canConvertToInt() || node.get("size").asInt() < 0) throw new IllegalArgumentException("the tree head's size must be a count");
        if (!node.get("rootHash").asText().matches("[0-9a-f]{64}")) throw new IllegalArgumentException("the tree head's rootHash must be 64 hex digits");
        return new TreeHead(node.get("size").asInt(), node.get("rootHash").asText(), Chain.parseInstant(node.get("signedAt").asText()),
                node.get("keyId").asText(), node.get("publicKey").asText(), node.get("signature").asText());
    }
}
