-- 0001-studio-tables.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The studio's own five tables, in the shape the studio documents. On the studio's database
-- they already exist and nothing here touches them; on an empty database this creates them,
-- so both converge on the same schema. Columns Lorakeet needs live in its own tables (see
-- 0002), so positional INSERTs and `SELECT *` in the studio's tools keep their meaning.

CREATE TABLE IF NOT EXISTS projects (
  id   serial PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE IF NOT EXISTS ai_models (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  type       text NOT NULL,
  model_path text,
  file_path  text
);

CREATE TABLE IF NOT EXISTS video_workflow_templates (
  id                serial PRIMARY KEY,
  name              text NOT NULL,
  workflow_template jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS generation_profiles (
  id                         serial PRIMARY KEY,
  name                       text NOT NULL,
  checkpoint_id              integer REFERENCES ai_models (id),
  lora_id                    integer REFERENCES ai_models (id),
  video_workflow_template_id integer REFERENCES video_workflow_templates (id)
);

CREATE TABLE IF NOT EXISTS characters (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  project_id  integer REFERENCES projects (id),
  description text
);
