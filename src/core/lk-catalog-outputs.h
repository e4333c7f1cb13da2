/* lk-catalog-outputs.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-provenance-check.h"

G_BEGIN_DECLS

/*
 * The catalog's side of the gallery: which job and character a frame belongs to, the
 * outputs recorded for a character with their review state, and reviews keyed by the file's
 * SHA-256, so a frame moved or renamed outside Lorakeet keeps its verdict.
 */

/**
 * LkOutputReview:
 * @content_hash: the file's SHA-256, the key
 * @output_id: the output row, 0 when unknown
 * @verdict: approved, rejected or none
 * @rating: 1–5, 0 for none
 * @note: (nullable): the note
 * @reviewed_by: who reviewed
 * @reviewed_at: (nullable): when
 *
 * The review of one file.
 */
typedef struct
{
  char            *content_hash;
  gint64           output_id;
  LkReviewVerdict  verdict;
  int              rating;
  char            *note;
  char            *reviewed_by;
  GDateTime       *reviewed_at;
} LkOutputReview;

#define LK_TYPE_OUTPUT_REVIEW (lk_output_review_get_type ())
GType           lk_output_review_get_type (void) G_GNUC_CONST;

/**
 * lk_output_review_copy:
 * @review: a review
 *
 * Returns: (transfer full): a deep copy of @review
 */
LkOutputReview *lk_output_review_copy     (const LkOutputReview *review);

/**
 * lk_output_review_free:
 * @review: a review
 *
 * Frees @review.
 */
void            lk_output_review_free     (LkOutputReview       *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutputReview, lk_output_review_free)

/**
 * lk_review_verdict_to_string:
 * @verdict: a verdict
 *
 * Returns: (transfer none) (nullable): "approved", "rejected", or %NULL for none
 */
const char     *lk_review_verdict_to_string (LkReviewVerdict verdict);

/**
 * LkOutputRecord:
 * @output_id: the output row
 * @job_id: the job that made it
 * @filename: the file name ComfyUI gave
 * @subfolder: the subfolder below the output folder ("" for none)
 * @kind: "image" or "video"
 * @created_at: (nullable): when it was recorded
 * @character_id: the job's character, 0 when deleted
 * @character_name: (nullable): its name
 * @job_status: the job's status
 * @review: (nullable): the output's review, %NULL when not reviewed
 *
 * One recorded output, as `lorakeet-cli outputs` lists it.
 */
typedef struct
{
  gint64          output_id;
  gint64          job_id;
  char           *filename;
  char           *subfolder;
  char           *kind;
  GDateTime      *created_at;
  gint64          character_id;
  char           *character_name;
  char           *job_status;
  LkOutputReview *review;
} LkOutputRecord;

/**
 * lk_output_record_free:
 * @record: a record
 *
 * Frees @record.
 */
void            lk_output_record_free     (LkOutputRecord       *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutputRecord, lk_output_record_free)

/**
 * LkFrameCheck:
 * @job_id: the job the frame came from, 0 when the catalog does not know it
 * @prompt_id: (nullable): ComfyUI's prompt id of that job
 * @job_status: (nullable): its status
 * @character_id: the character it is filed under, 0 when unknown
 * @character_name: (nullable): that character's name
 * @project_name: (nullable): its project
 * @character_loras: (array zero-terminated=1): every LoRA file of the character, the current
 *   one first; empty for a character without LoRA
 * @verdict: whether the frame's LoRA is the character's own
 * @message: (nullable): the sentence for the artist when @verdict is not OK
 * @profile_name: (nullable): the generation profile the job used
 * @server_url: (nullable): the ComfyUI server it ran on
 * @created_by: (nullable): who submitted it
 * @created_at: (nullable): when it was submitted
 * @finished_at: (nullable): when it ended
 * @job_error: (nullable): why it failed, for a job that did
 * @output_id: the frame's row in `generation_outputs`, 0 when the job did not record it
 *
 * What the catalog says about a frame (its job record), and whether it shows its character.
 */
typedef struct
{
  gint64         job_id;
  char          *prompt_id;
  char          *job_status;
  gint64         character_id;
  char          *character_name;
  char          *project_name;
  char         **character_loras;
  LkLoraVerdict  verdict;
  char          *message;
  char          *profile_name;
  char          *server_url;
  char          *created_by;
  GDateTime     *created_at;
  GDateTime     *finished_at;
  char          *job_error;
  gint64         output_id;
} LkFrameCheck;

/**
 * lk_frame_check_free:
 * @check: a check
 *
 * Frees @check.
 */
void            lk_frame_check_free       (LkFrameCheck         *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkFrameCheck, lk_frame_check_free)

/**
 * lk_catalog_check_frame_async:
 * @self: a #LkCatalog
 * @provenance: the frame's provenance
 * @filename: (nullable): the frame's file name as ComfyUI gave it, to find the job by its
 *   recorded output when the frame carries no job tag
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the frame's job (by the job tag, which Lorakeet also offers ComfyUI as the prompt id,
 * else by the output's file name, for servers that choose their own prompt ids), its
 * character and that character's LoRAs, and checks the frame's LoRA with
 * lk_provenance_check_lora(). One round of queries on the worker thread.
 */
void         lk_catalog_check_frame_async      (LkCatalog            *self,
                                                LkProvenance         *provenance,
                                                const char           *filename,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_check_frame_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * A frame the catalog does not know is not an error: the check has @job_id 0 and the
 * verdict %LK_LORA_VERDICT_UNKNOWN.
 *
 * Returns: (transfer full) (nullable): the check, or %NULL with @error set
 */
LkFrameCheck *lk_catalog_check_frame_finish    (LkCatalog            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/**
 * lk_catalog_list_lora_owners_async:
 * @self: a #LkCatalog
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads which character each LoRA file belongs to (every version ever assigned).
 */
void         lk_catalog_list_lora_owners_async (LkCatalog            *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_list_lora_owners_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 utf8): lk_lora_name_key() of each file → the
 *   character's name, or %NULL with @error set
 */
GHashTable  *lk_catalog_list_lora_owners_finish (LkCatalog           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/**
 * lk_catalog_list_outputs_async:
 * @self: a #LkCatalog
 * @character_id: a character, or 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists recorded outputs with their job, character and review state, newest first.
 */
void         lk_catalog_list_outputs_async     (LkCatalog            *self,
                                                gint64                character_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_list_outputs_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkOutputRecord): the outputs, or %NULL with @error
 *   set
 */
GPtrArray   *lk_catalog_list_outputs_finish    (LkCatalog            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/**
 * lk_catalog_get_review_async:
 * @self: a #LkCatalog
 * @content_hash: the file's SHA-256 (see lk_file_sha256_async())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the review of a file, wherever the file is now and whatever it is called.
 */
void         lk_catalog_get_review_async       (LkCatalog            *self,
                                                const char           *content_hash,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_get_review_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @review: (out) (transfer full) (nullable): the review, %NULL when the file has none
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean     lk_catalog_get_review_finish      (LkCatalog            *self,
                                                GAsyncResult         *result,
                                                LkOutputReview      **review,
                                                GError              **error);

/**
 * lk_catalog_replace_review_async:
 * @self: a #LkCatalog
 * @content_hash: the file's SHA-256
 * @output_id: the output row, or 0 when unknown (a known one is kept)
 * @verdict: approved, rejected or none
 * @rating: 1–5, or 0 for none
 * @note: (nullable): a note
 * @who: (nullable): who reviewed; %NULL for the current user
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates or replaces the review of a file, as lk_catalog_set_review_async() does, and in
 * the same statement returns the review it replaced, for undo with
 * lk_catalog_restore_review_async().
 */
void         lk_catalog_replace_review_async   (LkCatalog            *self,
                                                const char           *content_hash,
                                                gint64                output_id,
                                                LkReviewVerdict       verdict,
                                                int                   rating,
                                                const char           *note,
                                                const char           *who,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_replace_review_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @previous: (out) (transfer full) (nullable) (optional): the review before, %NULL when the
 *   file had none
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean     lk_catalog_replace_review_finish  (LkCatalog            *self,
                                                GAsyncResult         *result,
                                                LkOutputReview      **previous,
                                                GError              **error);

/**
 * lk_catalog_restore_review_async:
 * @self: a #LkCatalog
 * @content_hash: the file's SHA-256
 * @previous: (nullable): the review to put back (from lk_catalog_replace_review_finish()),
 *   with its reviewer and time; %NULL removes the file's review
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Undoes a review: the file's review becomes @previous again.
 */
void         lk_catalog_restore_review_async   (LkCatalog            *self,
                                                const char           *content_hash,
                                                const LkOutputReview *previous,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/**
 * lk_catalog_restore_review_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean     lk_catalog_restore_review_finish  (LkCatalog            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/**
 * LkOutputFacts:
 * @output_id: the row in `generation_outputs`
 * @character_id: the job's character, or 0
 * @project_id: that character's project, or 0
 * @verdict: the latest review of the output, or %LK_REVIEW_VERDICT_NONE
 * @prompt: (nullable): the positive prompt text, case-folded for matching
 * @consistency: the output's stored consistency score against its job's character (see
 *   #LkConsistencyScore: higher is more of an outlier), or a negative number when it was
 *   not scored
 *
 * What the catalog knows about one recorded output, for filtering and sorting.
 */
typedef struct
{
  gint64           output_id;
  gint64           character_id;
  gint64           project_id;
  LkReviewVerdict  verdict;
  char            *prompt;
  double           consistency;
} LkOutputFacts;

/**
 * lk_output_facts_free:
 * @facts: (nullable): facts to free
 *
 * Frees @facts.
 */
void lk_output_facts_free (LkOutputFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkOutputFacts, lk_output_facts_free)

/**
 * lk_catalog_list_output_facts_async:
 * @self: a catalog
 * @cancellable: (nullable): a cancellable
 * @callback: called with the facts
 * @user_data: data for @callback
 *
 * Reads, in one query off the main thread, the facts of every recorded output: its
 * character, project, latest verdict, positive prompt and consistency score.
 */
void        lk_catalog_list_output_facts_async  (LkCatalog            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);

/**
 * lk_catalog_list_output_facts_finish:
 * @self: a catalog
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): a table from the output's path relative to ComfyUI's output
 *   folder ("sub/anime_image_…png") to its #LkOutputFacts, or %NULL with @error set
 */
GHashTable *lk_catalog_list_output_facts_finish (LkCatalog            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
