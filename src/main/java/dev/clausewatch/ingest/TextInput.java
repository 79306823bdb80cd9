package dev.clausewatch.ingest;

import dev.clausewatch.registry.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads files that must be UTF-8 text (or snapshots) of bounded size, refusing anything else by name and rule. */
public final class TextInput {
    /** The largest document version accepted; the largest real one in the shared histories is under 1 MB. */
    static final long MAX_TEXT_BYTES = 20L * 1024 * 1024;

    private TextInput() {}

    /** The file's bytes, at most {@link #MAX_TEXT_BYTES}: a larger file is refused before it is read. */
    public static byte[] bytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_TEXT_BYTES) {
                throw new InvalidInputException(file, "", "the file is " + size + " bytes; a document version or snapshot may have at most "
                        + MAX_TEXT_BYTES + " bytes (20 MiB, as a capture)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "", "does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file, "", "cannot be read: permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(file, "", "cannot be read: " + e.getMessage());
        }
    }

    /** The file's text; binary content or invalid UTF-8 is refused with the offset of the first bad byte. */
    public static String text(Path file, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException(file, "", "is binary, not text (NUL byte at offset " + i + ")");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, "", "is not UTF-8 text: the byte at offset " + firstBadOffset(bytes)
                    + " starts no valid UTF-8 character (save the file as UTF-8)");
        }
    }

    public static String text(Path file) {
        return text(file, bytes(file));
    }

    private static int firstBadOffset(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
