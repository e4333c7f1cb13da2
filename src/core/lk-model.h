/* lk-model.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_MODEL (lk_model_get_type ())

G_DECLARE_FINAL_TYPE (LkModel, lk_model, LK, MODEL, GObject)

/*
 * LkModel
 *
 * A model file: a LoRA version or a checkpoint, with the facts read from it.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_model_get_id:
 * @self: a #LkModel
 *
 * Returns: the row id
 */
gint64 lk_model_get_id (LkModel *self);

/**
 * lk_model_get_name:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the model name
 */
const char *lk_model_get_name (LkModel *self);

/**
 * lk_model_get_model_type:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): "lora", "checkpoint" or another studio type
 */
const char *lk_model_get_model_type (LkModel *self);

/**
 * lk_model_get_model_path:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the name ComfyUI knows the file by, relative to its models folder
 */
const char *lk_model_get_model_path (LkModel *self);

/**
 * lk_model_get_file_path:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): where the file lives
 */
const char *lk_model_get_file_path (LkModel *self);

/**
 * lk_model_get_sha256:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the SHA-256 of the file, 64 hex digits
 */
const char *lk_model_get_sha256 (LkModel *self);

/**
 * lk_model_get_file_size:
 * @self: a #LkModel
 *
 * Returns: the file size in bytes, 0 when unknown
 */
gint64 lk_model_get_file_size (LkModel *self);

/**
 * lk_model_get_base_model:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the base-model family (sd15, sdxl…), %NULL when unknown
 */
const char *lk_model_get_base_model (LkModel *self);

/**
 * lk_model_get_base_model_source:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): "metadata" when read from the file, "manual" when set by hand
 */
const char *lk_model_get_base_model_source (LkModel *self);

/**
 * lk_model_get_metadata_json:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the safetensors `__metadata__` as JSON text
 */
const char *lk_model_get_metadata_json (LkModel *self);

/**
 * lk_model_get_lineage_id:
 * @self: a #LkModel
 *
 * Returns: the LoRA lineage (training runs of one character), 0 when none
 */
gint64 lk_model_get_lineage_id (LkModel *self);

/**
 * lk_model_get_lineage_name:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): the lineage name (kohya's ss_output_name)
 */
const char *lk_model_get_lineage_name (LkModel *self);

/**
 * lk_model_get_training_session:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): kohya's ss_session_id
 */
const char *lk_model_get_training_session (LkModel *self);

/**
 * lk_model_get_epoch:
 * @self: a #LkModel
 *
 * Returns: the epoch the file was saved at, 0 when unknown
 */
gint64 lk_model_get_epoch (LkModel *self);

/**
 * lk_model_get_steps:
 * @self: a #LkModel
 *
 * Returns: the training steps done, 0 when unknown
 */
gint64 lk_model_get_steps (LkModel *self);

/**
 * lk_model_get_trained_at:
 * @self: a #LkModel
 *
 * Returns: (transfer none) (nullable): when training started, %NULL when unknown
 */
GDateTime *lk_model_get_trained_at (LkModel *self);

G_END_DECLS
