/* lk-catalog-job.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_CATALOG_JOB (lk_catalog_job_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalogJob, lk_catalog_job, LK, CATALOG_JOB, GObject)

/*
 * LkCatalogJob
 *
 * A generation job as recorded in the catalog.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_catalog_job_get_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the row id
 */
gint64 lk_catalog_job_get_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_character_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the character, 0 when deleted
 */
gint64 lk_catalog_job_get_character_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_profile_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the profile used
 */
gint64 lk_catalog_job_get_profile_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_template_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the template used
 */
gint64 lk_catalog_job_get_template_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_checkpoint_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the checkpoint used
 */
gint64 lk_catalog_job_get_checkpoint_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_lora_model_id:
 * @self: a #LkCatalogJob
 *
 * Returns: the exact LoRA version used, 0 for the base model only
 */
gint64 lk_catalog_job_get_lora_model_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_trigger_set:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): the trigger-word set used
 */
const char *lk_catalog_job_get_trigger_set (LkCatalogJob *self);

/**
 * lk_catalog_job_get_server_url:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): the ComfyUI server
 */
const char *lk_catalog_job_get_server_url (LkCatalogJob *self);

/**
 * lk_catalog_job_get_prompt_id:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): ComfyUI's prompt id once submitted
 */
const char *lk_catalog_job_get_prompt_id (LkCatalogJob *self);

/**
 * lk_catalog_job_get_workflow_json:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): the exact workflow submitted
 */
const char *lk_catalog_job_get_workflow_json (LkCatalogJob *self);

/**
 * lk_catalog_job_get_seed:
 * @self: a #LkCatalogJob
 *
 * Returns: the seed
 */
gint64 lk_catalog_job_get_seed (LkCatalogJob *self);

/**
 * lk_catalog_job_get_status:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): pending, queued, running, succeeded, failed, cancelled or lost
 */
const char *lk_catalog_job_get_status (LkCatalogJob *self);

/**
 * lk_catalog_job_get_error:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): why it failed
 */
const char *lk_catalog_job_get_error (LkCatalogJob *self);

/**
 * lk_catalog_job_get_created_by:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): who started it
 */
const char *lk_catalog_job_get_created_by (LkCatalogJob *self);

/**
 * lk_catalog_job_get_created_at:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): when it was recorded
 */
GDateTime *lk_catalog_job_get_created_at (LkCatalogJob *self);

/**
 * lk_catalog_job_get_updated_at:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): when its row last changed
 */
GDateTime *lk_catalog_job_get_updated_at (LkCatalogJob *self);

/**
 * lk_catalog_job_get_finished_at:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none) (nullable): when it reached a final state
 */
GDateTime *lk_catalog_job_get_finished_at (LkCatalogJob *self);

/**
 * lk_catalog_job_get_outputs:
 * @self: a #LkCatalogJob
 *
 * Returns: (transfer none): the files it produced (#LkCatalogOutput)
 */
GListModel *lk_catalog_job_get_outputs (LkCatalogJob *self);

G_END_DECLS
