-- Sentence embeddings by the SHA-256 of the sentence, so an unchanged provision is never embedded twice.
-- A cache: rows can be dropped at any time and are recomputed; the model is part of the key.
CREATE TABLE embedding_cache (
    text_sha256  TEXT NOT NULL,
    model        TEXT NOT NULL,
    vector       BYTEA NOT NULL,
    PRIMARY KEY (text_sha256, model)
);
