package dev.clausewatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signs tree heads with an Ed25519 key kept in a file outside the database (made on first use,
 * readable by its owner only): whoever can rewrite the database cannot sign a head for what they
 * wrote. The file holds the private key (PKCS#8) and the public key (X.509), base64, one per line.
 */
public final class HeadSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyText;

    private HeadSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyText = Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The key in {@code file}, made there first when there is none. */
    public static HeadSigner at(Path file) {
        try {
            if (!Files.exists(file)) create(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2) throw new IllegalStateException("the log key file " + file + " must hold two lines (private and public key)");
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new HeadSigner(keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0).strip()))),
                    keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1).strip()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the log key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the log key file " + file + " is not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".key-", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // other file systems: the directory's own protection applies
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException another) {
            Files.deleteIfExists(temporary); // another process made it first: use theirs
        }
    }

    public String keyId() {
        return keyId(publicKeyText);
    }

    static String keyId(String publicKeyBase64) {
        return HexFormat.of().formatHex(MerkleTree.leafHash(Base64.getDecoder().decode(publicKeyBase64))).substring(0, 16);
    }

    public TreeHead sign(int size, byte[] root, Instant at) {
        String rootHex = HexFormat.of().formatHex(root);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(TreeHead.statement(size, rootHex, at));
            return new TreeHead(size, rootHex, at, keyId(), publicKeyText, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a tree head", e);
        }
    }

    /** Whether this key signed the head (a head signed by any other key is not this archive's). */
    public boolean signed(TreeHead head) {
        return head.publicKey().equals(publicKeyText) && verifies(head, publicKey);
    }

    /** Whether the head's signature is good under the public key it carries (for a head handed over without the archive). */
    public static boolean selfConsistent(TreeHead head) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(head.publicKey())));
            return keyId(head.publicKey()).equals(head.keyId()) && verifies(head, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verifies(TreeHead head, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(head.statement());
            return verifier.verify(Base64.getDecoder().decode(head.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
