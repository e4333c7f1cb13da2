/* lk-catalog.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-catalog-error.h"
#include "lk-catalog-job.h"
#include "lk-catalog-output.h"
#include "lk-character.h"
#include "lk-model.h"
#include "lk-project.h"
#include "lk-resolution.h"

G_BEGIN_DECLS

#define LK_TYPE_CATALOG (lk_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalog, lk_catalog, LK, CATALOG, GObject)

/**
 * LkCatalogOpenFlags:
 * @LK_CATALOG_OPEN_NONE: use the schema as it is
 * @LK_CATALOG_OPEN_MIGRATE: apply pending migrations first
 *
 * How lk_catalog_open_async() prepares the database.
 */
typedef enum
{
  LK_CATALOG_OPEN_NONE = 0,
  LK_CATALOG_OPEN_MIGRATE = 1 << 0,
} LkCatalogOpenFlags;

/**
 * LkCatalogStatus:
 * @server: where the catalog is ("db.studio:5432", "the local socket in …")
 * @server_version: PostgreSQL's version string
 * @database: the database name
 * @user: the database user
 * @schema_version: the highest migration applied, 0 when never migrated
 * @latest_version: the highest migration this Lorakeet knows
 * @pending: (array zero-terminated=1): migrations not applied yet
 * @read_only: whether the schema is newer than this Lorakeet (or the server is read-only)
 * @n_projects: number of projects (-1 when the schema is not there)
 * @n_characters: number of characters (-1 when the schema is not there)
 * @n_loras: number of LoRA models (-1 when the schema is not there)
 *
 * What `lorakeet-cli db status` shows.
 */
typedef struct
{
  char     *server;
  char     *server_version;
  char     *database;
  char     *user;
  int       schema_version;
  int       latest_version;
  char    **pending;
  gboolean  read_only;
  gint64    n_projects;
  gint64    n_characters;
  gint64    n_loras;
} LkCatalogStatus;

#define LK_TYPE_CATALOG_STATUS (lk_catalog_status_get_type ())
GType            lk_catalog_status_get_type (void) G_GNUC_CONST;

/**
 * lk_catalog_status_copy:
 * @status: a status
 *
 * Returns: (transfer full): a deep copy of @status
 */
LkCatalogStatus *lk_catalog_status_copy     (const LkCatalogStatus *status);

/**
 * lk_catalog_status_free:
 * @status: a status
 *
 * Frees @status and its strings.
 */
void             lk_catalog_status_free     (LkCatalogStatus       *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCatalogStatus, lk_catalog_status_free)

/**
 * LkScanOutcome:
 * @LK_SCAN_OUTCOME_ADDED: a new model row was created
 * @LK_SCAN_OUTCOME_UPDATED: an existing row was found and its file facts updated
 * @LK_SCAN_OUTCOME_FAILED: the file could not be read; see the entry's message
 */
typedef enum
{
  LK_SCAN_OUTCOME_ADDED,
  LK_SCAN_OUTCOME_UPDATED,
  LK_SCAN_OUTCOME_FAILED,
} LkScanOutcome;

/**
 * LkScanEntry:
 * @path: the file
 * @outcome: what happened to it
 * @model_id: the ai_models row, 0 when it failed
 * @name: the model name
 * @sha256: (nullable): the file's SHA-256
 * @base_model: (nullable): the base-model family read from the file
 * @lineage: (nullable): the lineage it was grouped into
 * @message: (nullable): why it failed
 *
 * One file of lk_catalog_scan_loras_async().
 */
typedef struct
{
  char          *path;
  LkScanOutcome  outcome;
  gint64         model_id;
  char          *name;
  char          *sha256;
  char          *base_model;
  char          *lineage;
  char          *message;
} LkScanEntry;

/**
 * lk_scan_entry_free:
 * @entry: an entry of lk_catalog_scan_loras_finish()
 *
 * Frees @entry and its strings.
 */
void lk_scan_entry_free (LkScanEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkScanEntry, lk_scan_entry_free)

/**
 * LkReviewVerdict:
 * @LK_REVIEW_VERDICT_NONE: not decided (a rating or note only)
 * @LK_REVIEW_VERDICT_APPROVED: approved
 * @LK_REVIEW_VERDICT_REJECTED: rejected
 */
typedef enum
{
  LK_REVIEW_VERDICT_NONE,
  LK_REVIEW_VERDICT_APPROVED,
  LK_REVIEW_VERDICT_REJECTED,
} LkReviewVerdict;

/**
 * lk_catalog_new:
 * @conninfo: (nullable): a libpq connection string or URI; %NULL uses libpq's defaults
 *   (PG* variables, service files), exactly as psql would
 *
 * Creates a catalog. Nothing connects until lk_catalog_open_async().
 *
 * Returns: (transfer full): a new #LkCatalog bound to the thread-default main context
 */
LkCatalog   *lk_catalog_new                (const char           *conninfo);

/**
 * lk_catalog_get_conninfo:
 * @self: a #LkCatalog
 *
 * Returns: (transfer none) (nullable): the connection string given at construction
 */
const char  *lk_catalog_get_conninfo       (LkCatalog            *self);

/**
 * lk_catalog_get_connected:
 * @self: a #LkCatalog
 *
 * Whether the catalog is open and its live-update connection is up. Notified on every
 * outage and recovery (the `connected` property), so the UI can show a banner.
 *
 * Returns: %TRUE when connected
 */
gboolean     lk_catalog_get_connected      (LkCatalog            *self);

/**
 * lk_catalog_get_read_only:
 * @self: a #LkCatalog
 *
 * Whether changes are refused, because the schema is newer than this Lorakeet
 * (the `read-only` property). lk_catalog_get_notice() says why.
 *
 * Returns: %TRUE when read-only
 */
gboolean     lk_catalog_get_read_only      (LkCatalog            *self);

/**
 * lk_catalog_get_notice:
 * @self: a #LkCatalog
 *
 * Returns: (transfer none) (nullable): a sentence for the artist about the catalog's state
 *   (read-only, reconnecting), %NULL when all is well (the `notice` property)
 */
const char  *lk_catalog_get_notice         (LkCatalog            *self);

/**
 * lk_catalog_get_error:
 * @self: a #LkCatalog
 *
 * Returns: (transfer none) (nullable): the connection error while the catalog is
 *   unreachable, %NULL when connected (the `error` property)
 */
const GError *lk_catalog_get_error         (LkCatalog            *self);

/**
 * lk_catalog_get_server:
 * @self: a #LkCatalog
 *
 * Returns: (transfer none) (nullable): where the catalog is ("db.studio:5432")
 */
const char  *lk_catalog_get_server         (LkCatalog            *self);

/**
 * lk_catalog_open_async:
 * @self: a #LkCatalog
 * @flags: whether to migrate
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the catalog is open and listening for changes
 * @user_data: data for @callback
 *
 * Connects, optionally migrates, checks the schema version and starts listening for
 * changes made by other clients. A schema newer than this Lorakeet opens read-only.
 * Errors: %LK_CATALOG_ERROR_UNREACHABLE, %LK_CATALOG_ERROR_SCHEMA_OUTDATED (not migrated and
 * @flags lacks %LK_CATALOG_OPEN_MIGRATE), %LK_CATALOG_ERROR_MIGRATION_FAILED.
 */
void         lk_catalog_open_async         (LkCatalog            *self,
                                            LkCatalogOpenFlags    flags,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/**
 * lk_catalog_open_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the catalog is open (possibly read-only: see lk_catalog_get_read_only())
 */
gboolean     lk_catalog_open_finish        (LkCatalog            *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/**
 * lk_catalog_close:
 * @self: a #LkCatalog
 *
 * Stops listening and reconnecting. Requests already queued still run.
 */
void         lk_catalog_close              (LkCatalog            *self);

/**
 * lk_catalog_get_projects:
 * @self: a #LkCatalog
 *
 * The projects, kept up to date while the catalog is open (one `items-changed` per change
 * batch). Filled after the first call once the catalog is open.
 *
 * Returns: (transfer none): a #GListModel of #LkProject, by name
 */
GListModel  *lk_catalog_get_projects       (LkCatalog            *self);

/**
 * lk_catalog_get_characters:
 * @self: a #LkCatalog
 *
 * Every character with its project, profile and resolved LoRA, kept up to date while the
 * catalog is open: a change made by any client shows within a second. Items are updated in
 * place when only their fields change.
 *
 * Returns: (transfer none): a #GListModel of #LkCharacter, by project then name
 */
GListModel  *lk_catalog_get_characters     (LkCatalog            *self);

/**
 * lk_catalog_get_status_async:
 * @self: a #LkCatalog
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads where the catalog is, its schema version and a few counts. Works on a database
 * that was never migrated (without opening it first).
 */
void         lk_catalog_get_status_async   (LkCatalog            *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/**
 * lk_catalog_get_status_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
LkCatalogStatus *lk_catalog_get_status_finish (LkCatalog         *self,
                                               GAsyncResult      *result,
                                               GError           **error);

/**
 * lk_catalog_list_characters_async:
 * @self: a #LkCatalog
 * @project_id: a project, or 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists characters with their resolved LoRA in one query (a snapshot, not live).
 */
void         lk_catalog_list_characters_async  (LkCatalog        *self,
                                                gint64            project_id,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_list_characters_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkCharacter
 */
GListModel  *lk_catalog_list_characters_finish (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_find_character_async:
 * @self: a #LkCatalog
 * @name_or_id: a row id, or a name: exact (ignoring case), else a unique partial match
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds one character. Errors: %LK_CATALOG_ERROR_NOT_FOUND, %LK_CATALOG_ERROR_AMBIGUOUS
 * (the message lists the candidates).
 */
void         lk_catalog_find_character_async   (LkCatalog        *self,
                                                const char       *name_or_id,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_find_character_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the character
 */
LkCharacter *lk_catalog_find_character_finish  (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_resolve_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Resolves what the character is generated with: project → profile → checkpoint and
 * template, and the character's own current LoRA version or none (then the base model only;
 * never another character's LoRA). Problems (no profile, a template without LoraLoader or
 * that is not a workflow, a LoRA for another base model) become warnings.
 */
void         lk_catalog_resolve_async          (LkCatalog        *self,
                                                gint64            character_id,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_resolve_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the resolution
 */
LkResolution *lk_catalog_resolve_finish        (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_list_models_async:
 * @self: a #LkCatalog
 * @model_type: (nullable): "lora", "checkpoint"…, or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists models with their file facts and lineage.
 */
void         lk_catalog_list_models_async      (LkCatalog        *self,
                                                const char       *model_type,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_list_models_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkModel
 */
GListModel  *lk_catalog_list_models_finish     (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_assign_lora_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @lora: a LoRA model: row id, name, model path or file path
 * @strength_model: the strength on the model (0.8 by default)
 * @strength_clip: the strength on CLIP (0.8 by default)
 * @who: (nullable): who made the change, recorded with it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes @lora the character's current LoRA version in its project (promoting it; the
 * previous version stays in the character's history). Only rows of type "lora" qualify.
 */
void         lk_catalog_assign_lora_async      (LkCatalog        *self,
                                                gint64            character_id,
                                                const char       *lora,
                                                double            strength_model,
                                                double            strength_clip,
                                                const char       *who,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_assign_lora_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the character's resolution after the change (with a warning if
 *   the LoRA's base model does not match the checkpoint's)
 */
LkResolution *lk_catalog_assign_lora_finish    (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_scan_loras_async:
 * @self: a #LkCatalog
 * @folder: a LoRA folder (ComfyUI's models/loras or a copy of it)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Registers or updates every `.safetensors` below @folder: header metadata, base-model
 * family, SHA-256, size, lineage (grouped by ss_output_name / ss_session_id) and, for a new
 * lineage, a "base" trigger-word set suggested from the training tags. Files are read and
 * hashed off the connection's thread; a broken file is reported in its entry and the
 * others are still registered. Existing rows are matched by SHA-256, then file path, then
 * model path; the studio's own columns are never overwritten.
 */
void         lk_catalog_scan_loras_async       (LkCatalog        *self,
                                                GFile            *folder,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_scan_loras_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkScanEntry): one entry per file, by path
 */
GPtrArray   *lk_catalog_scan_loras_finish      (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_install_demo_async:
 * @self: a #LkCatalog (open, migrated)
 * @demo_lora: (nullable): the demo `mei_working_v1.safetensors`; %NULL finds the installed
 *   one (or `LORAKEET_DEMO_DIR`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds the demo studio (idempotent): two projects, five characters, profiles, checkpoints,
 * an image and a video template, and the demo LoRA registered from the real file and
 * assigned to Mei Kobayashi.
 */
void         lk_catalog_install_demo_async     (LkCatalog        *self,
                                                GFile            *demo_lora,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_install_demo_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the demo studio is in the catalog
 */
gboolean     lk_catalog_install_demo_finish    (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_create_job_async:
 * @self: a #LkCatalog
 * @resolution: what the job generates with (character, profile, template, checkpoint, the
 *   exact LoRA version)
 * @trigger_set: (nullable): the trigger-word set the artist picked
 * @server_url: the ComfyUI server
 * @workflow_json: the exact workflow that will be submitted
 * @seed: the seed
 * @who: (nullable): who started it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Records a job in state "pending", before it is submitted.
 */
void         lk_catalog_create_job_async       (LkCatalog        *self,
                                                LkResolution     *resolution,
                                                const char       *trigger_set,
                                                const char       *server_url,
                                                const char       *workflow_json,
                                                gint64            seed,
                                                const char       *who,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_create_job_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the recorded job
 */
LkCatalogJob *lk_catalog_create_job_finish     (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_update_job_async:
 * @self: a #LkCatalog
 * @job_id: the job
 * @status: the new status: "queued", "running", "succeeded", "failed", "cancelled", "lost"
 * @prompt_id: (nullable): ComfyUI's prompt id; %NULL keeps the recorded one
 * @error_message: (nullable): why it failed; %NULL keeps the recorded one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Updates a job's state; a final state also records when it finished.
 */
void         lk_catalog_update_job_async       (LkCatalog        *self,
                                                gint64            job_id,
                                                const char       *status,
                                                const char       *prompt_id,
                                                const char       *error_message,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_update_job_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %LK_CATALOG_ERROR_NOT_FOUND for an unknown job
 */
gboolean     lk_catalog_update_job_finish      (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_add_job_outputs_async:
 * @self: a #LkCatalog
 * @job_id: the job
 * @outputs: (element-type LkCatalogOutput): the files (their job-id is ignored)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Records the job's outputs in one statement; an output already recorded is kept as is.
 */
void         lk_catalog_add_job_outputs_async  (LkCatalog        *self,
                                                gint64            job_id,
                                                GPtrArray        *outputs,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_add_job_outputs_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean     lk_catalog_add_job_outputs_finish (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_list_jobs_async:
 * @self: a #LkCatalog
 * @character_id: the character, or 0 for the jobs not in a final state (pending, queued,
 *   running), to reconcile with ComfyUI after a restart
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists jobs with their outputs, newest first (one query).
 */
void         lk_catalog_list_jobs_async        (LkCatalog        *self,
                                                gint64            character_id,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_list_jobs_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkCatalogJob
 */
GListModel  *lk_catalog_list_jobs_finish       (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

/**
 * lk_catalog_set_review_async:
 * @self: a #LkCatalog
 * @content_hash: the output file's content hash (the key: the review follows the file)
 * @output_id: the output row, or 0 when unknown
 * @verdict: approved, rejected or none
 * @rating: 1–5, or 0 for none
 * @note: (nullable): a note
 * @who: who reviewed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates or replaces the review of a file.
 */
void         lk_catalog_set_review_async       (LkCatalog        *self,
                                                const char       *content_hash,
                                                gint64            output_id,
                                                LkReviewVerdict   verdict,
                                                int               rating,
                                                const char       *note,
                                                const char       *who,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
/**
 * lk_catalog_set_review_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean     lk_catalog_set_review_finish      (LkCatalog        *self,
                                                GAsyncResult     *result,
                                                GError          **error);

G_END_DECLS
