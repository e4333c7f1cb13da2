/* lk-catalog-consistency.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-consistency.h"

G_BEGIN_DECLS

/*
 * The catalog's side of the consistency score: which images make a character's signature,
 * the signature itself, each frame's score (keyed by the file's SHA-256, like reviews), and
 * the review queue with the outliers first.
 */

/**
 * LkConsistencySource:
 * @LK_CONSISTENCY_SOURCE_REFERENCE: a reference image of the character
 * @LK_CONSISTENCY_SOURCE_APPROVED: a frame of the character that was approved
 * @LK_CONSISTENCY_SOURCE_OUTPUT: any other image the character's jobs produced, to score
 *
 * Where an image of a character comes from.
 */
typedef enum
{
  LK_CONSISTENCY_SOURCE_REFERENCE,
  LK_CONSISTENCY_SOURCE_APPROVED,
  LK_CONSISTENCY_SOURCE_OUTPUT,
} LkConsistencySource;

/**
 * LkConsistencyInput:
 * @source: what the image is to the character
 * @id: the reference image's row, or the output's row
 * @path: (nullable): a reference image's file
 * @filename: (nullable): an output's file name as ComfyUI gave it
 * @subfolder: (nullable): an output's subfolder ("" for none)
 * @folder_type: (nullable): an output's folder type ("output", "temp")
 * @server_url: (nullable): the server that made an output
 *
 * One image the score of a character is computed from or for. An output is only named
 * as ComfyUI named it; where it is on this machine depends on the output folder or the
 * download cache (see lk_consistency_refresh_async()).
 */
typedef struct
{
  LkConsistencySource  source;
  gint64               id;
  char                *path;
  char                *filename;
  char                *subfolder;
  char                *folder_type;
  char                *server_url;
} LkConsistencyInput;

/**
 * lk_consistency_input_free:
 * @input: an input
 *
 * Frees @input.
 */
void lk_consistency_input_free (LkConsistencyInput *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkConsistencyInput, lk_consistency_input_free)

/**
 * LkConsistencyRecord:
 * @content_hash: the frame's SHA-256, the key
 * @output_id: the output row, 0 when unknown
 * @filename: (nullable): the output's file name, when the catalog knows the output
 * @subfolder: (nullable): its subfolder
 * @score: the frame's distances to the character
 *
 * The stored score of one frame for one character.
 */
typedef struct
{
  char               *content_hash;
  gint64              output_id;
  char               *filename;
  char               *subfolder;
  LkConsistencyScore  score;
} LkConsistencyRecord;

/**
 * lk_consistency_record_new:
 * @content_hash: the frame's SHA-256
 * @output_id: the output row, or 0
 * @score: the score
 *
 * Returns: (transfer full): a new record, without file name
 */
LkConsistencyRecord *lk_consistency_record_new  (const char               *content_hash,
                                                 gint64                    output_id,
                                                 const LkConsistencyScore *score);

/**
 * lk_consistency_record_free:
 * @record: a record
 *
 * Frees @record.
 */
void                 lk_consistency_record_free (LkConsistencyRecord      *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkConsistencyRecord, lk_consistency_record_free)

/**
 * lk_catalog_list_consistency_inputs_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the images a character's jobs produced (videos and validation sheets are left out),
 * each one approved on its output row marked %LK_CONSISTENCY_SOURCE_APPROVED. The
 * character's reference images come from lk_catalog_list_reference_images_async().
 */
void       lk_catalog_list_consistency_inputs_async  (LkCatalog           *self,
                                                      gint64               character_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/**
 * lk_catalog_list_consistency_inputs_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @approved_hashes: (out) (transfer full) (optional): the content hashes of approved frames
 *   that may be the character's (reviews made on its outputs, and reviews of files the
 *   catalog could not tie to an output), to recognise approved outputs by their file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkConsistencyInput): the images, or %NULL with
 *   @error set
 */
GPtrArray *lk_catalog_list_consistency_inputs_finish (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      char              ***approved_hashes,
                                                      GError             **error);

/**
 * lk_catalog_store_consistency_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @references: (element-type LkSignature): the signatures of its reference images, each
 *   with its content hash
 * @approved: (element-type LkSignature): the signatures of its approved frames
 * @scores: (element-type LkConsistencyRecord): the frames' scores
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * In one transaction, replaces the character's signature with @references and @approved,
 * and creates or replaces the scores of @scores' frames for that character.
 */
void       lk_catalog_store_consistency_async        (LkCatalog           *self,
                                                      gint64               character_id,
                                                      GPtrArray           *references,
                                                      GPtrArray           *approved,
                                                      GPtrArray           *scores,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/**
 * lk_catalog_store_consistency_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE once stored
 */
gboolean   lk_catalog_store_consistency_finish       (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/**
 * lk_catalog_store_consistency_scores_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @job_id: the job that made the frames, to tie a record without output row to the output
 *   of its file name; 0 when unknown
 * @scores: (element-type LkConsistencyRecord): the frames' scores
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates or replaces the scores of @scores' frames for the character, keeping its
 * signature: how a new frame is scored against the stored signature.
 */
void       lk_catalog_store_consistency_scores_async  (LkCatalog           *self,
                                                       gint64               character_id,
                                                       gint64               job_id,
                                                       GPtrArray           *scores,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/**
 * lk_catalog_store_consistency_scores_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE once stored
 */
gboolean   lk_catalog_store_consistency_scores_finish (LkCatalog           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/**
 * lk_catalog_list_signatures_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the character's stored signature, to score a new frame with
 * lk_consistency_score() without reading the references again.
 */
void       lk_catalog_list_signatures_async          (LkCatalog           *self,
                                                      gint64               character_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/**
 * lk_catalog_list_signatures_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkSignature): the signatures (empty when none were
 *   computed), or %NULL with @error set
 */
GPtrArray *lk_catalog_list_signatures_finish         (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/**
 * lk_catalog_list_outliers_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The review queue: the character's scored frames that have no verdict yet, the least
 * like the character first.
 */
void       lk_catalog_list_outliers_async            (LkCatalog           *self,
                                                      gint64               character_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/**
 * lk_catalog_list_outliers_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LkConsistencyRecord): the frames, highest score
 *   first, or %NULL with @error set
 */
GPtrArray *lk_catalog_list_outliers_finish           (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/**
 * lk_catalog_lookup_consistency_async:
 * @self: a #LkCatalog
 * @character_id: the character
 * @content_hash: the frame's SHA-256 (see lk_file_sha256_async())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored score of one frame for the character, reviewed or not.
 */
void       lk_catalog_lookup_consistency_async       (LkCatalog           *self,
                                                      gint64               character_id,
                                                      const char          *content_hash,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);

/**
 * lk_catalog_lookup_consistency_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the frame's score, or %NULL: with @error set on
 *   failure, without when the frame was never scored for the character
 */
LkConsistencyRecord *lk_catalog_lookup_consistency_finish (LkCatalog     *self,
                                                           GAsyncResult  *result,
                                                           GError       **error);

G_END_DECLS
