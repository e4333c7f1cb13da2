-- 0005-consistency.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The consistency score: how much each frame looks like its character, without machine
-- learning. A character's signature is the palette and perceptual hash of each of its
-- reference images and approved frames; each frame's score is its distance to the nearest
-- of them, keyed by the file's content hash like output_reviews, so it follows the file.
-- Only additions.

-- One image of a character's signature. The palette is "L a b weight" per colour (CIELAB),
-- colours separated by ";"; the hash is the 64-bit DCT perceptual hash, stored signed.
CREATE TABLE character_signatures (
  id           bigserial PRIMARY KEY,
  character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  source       text NOT NULL CHECK (source IN ('reference', 'approved')),
  palette      text NOT NULL,
  phash        bigint NOT NULL,
  computed_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (character_id, content_hash)
);

-- A frame's distance to a character's signature. Higher is more of an outlier.
CREATE TABLE output_consistency (
  id               bigserial PRIMARY KEY,
  content_hash     text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  character_id     bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  output_id        bigint REFERENCES generation_outputs (id) ON DELETE SET NULL,
  palette_distance double precision NOT NULL CHECK (palette_distance >= 0),
  hash_distance    integer NOT NULL CHECK (hash_distance BETWEEN 0 AND 64),
  score            double precision NOT NULL CHECK (score >= 0),
  n_references     integer NOT NULL CHECK (n_references > 0),
  computed_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (content_hash, character_id)
);
-- The review queue, outliers first.
CREATE INDEX output_consistency_queue_idx ON output_consistency (character_id, score DESC);

CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON character_signatures
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON output_consistency
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
