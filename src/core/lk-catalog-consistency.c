/* lk-catalog-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-consistency"

#include "config.h"


#include "lk-catalog-consistency.h"
#include "lk-catalog-private.h"
#include "lk-validation-grid.h"

void
lk_consistency_input_free (LkConsistencyInput *input)
{
  if (input == NULL)
    return;
  g_free (input->path);
  g_free (input->filename);
  g_free (input->subfolder);
  g_free (input->folder_type);
  g_free (input->server_url);
  g_free (input);
}

LkConsistencyRecord *
lk_consistency_record_new (const char               *content_hash,
                           gint64                    output_id,
                           const LkConsistencyScore *score)
{
  LkConsistencyRecord *record;

  g_return_val_if_fail (content_hash != NULL, NULL);
  g_return_val_if_fail (score != NULL, NULL);

  record = g_new0 (LkConsistencyRecord, 1);
  record->content_hash = g_strdup (content_hash);
  record->output_id = output_id;
  record->score = *score;
  return record;
}

void
lk_consistency_record_free (LkConsistencyRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->content_hash);
  g_free (record->filename);
  g_free (record->subfolder);
  g_free (record);
}

static gpointer
propagate_pointer (LkCatalog     *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
queue_for_character (LkCatalog           *self,
                     gint64               character_id,
                     gpointer             source_tag,
                     LkCatalogWorkKind    kind,
                     LkCatalogWorkFunc    func,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  _lk_catalog_run (self, source_tag, g_memdup2 (&character_id, sizeof character_id), g_free,
                   kind, func, cancellable, callback, user_data);
}

/* Inputs --------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *inputs;
  char      **approved_hashes;
} InputList;

static void
input_list_free (InputList *list)
{
  g_clear_pointer (&list->inputs, g_ptr_array_unref);
  g_strfreev (list->approved_hashes);
  g_free (list);
}

static gboolean
list_inputs_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  g_autofree char *id = _lk_pg_int64_param (*(gint64 *)task_data);
  const char *values[] = { id };
  g_autoptr(PGresult) outputs = NULL;
  g_autoptr(PGresult) approved = NULL;
  GPtrArray *inputs;
  InputList *list;

  /* An output's verdict is the review of its file; reviews are keyed by content hash, and
   * carry the output row they were made on. */
  outputs = _lk_pg_exec (conn,
                         "SELECT o.id, o.filename, o.subfolder, o.type, j.server_url, "
                         "  EXISTS (SELECT 1 FROM output_reviews r "
                         "          WHERE r.output_id = o.id AND r.verdict = 'approved') "
                         "FROM generation_outputs o "
                         "JOIN generation_jobs j ON j.id = o.job_id "
                         "WHERE j.character_id = $1 AND o.kind = 'image' "
                         "  AND o.node_id IS DISTINCT FROM '" LK_VALIDATION_GRID_NODE_ID "' "
                         "ORDER BY o.id", 1, values, error);
  if (outputs == NULL)
    return FALSE;

  approved = _lk_pg_exec (conn,
                          "SELECT r.content_hash FROM output_reviews r "
                          "LEFT JOIN generation_outputs o ON o.id = r.output_id "
                          "LEFT JOIN generation_jobs j ON j.id = o.job_id "
                          "WHERE r.verdict = 'approved' "
                          "  AND (r.output_id IS NULL OR j.character_id = $1)", 1, values, error);
  if (approved == NULL)
    return FALSE;

  inputs = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_input_free);
  for (int i = 0; i < PQntuples (outputs); i++)
    {
      LkConsistencyInput *input = g_new0 (LkConsistencyInput, 1);

      input->source = _lk_pg_bool (outputs, i, 5) ? LK_CONSISTENCY_SOURCE_APPROVED
                                                   : LK_CONSISTENCY_SOURCE_OUTPUT;
      input->id = _lk_pg_int64 (outputs, i, 0);
      input->filename = g_strdup (_lk_pg_str (outputs, i, 1));
      input->subfolder = g_strdup (_lk_pg_str (outputs, i, 2));
      input->folder_type = g_strdup (_lk_pg_str (outputs, i, 3));
      input->server_url = g_strdup (_lk_pg_str (outputs, i, 4));
      g_ptr_array_add (inputs, input);
    }

  list = g_new0 (InputList, 1);
  list->inputs = inputs;
  list->approved_hashes = g_new0 (char *, PQntuples (approved) + 1);
  for (int i = 0; i < PQntuples (approved); i++)
    list->approved_hashes[i] = g_strdup (_lk_pg_str (approved, i, 0));

  *result = list;
  *result_free = (GDestroyNotify)input_list_free;
  return TRUE;
}

void
lk_catalog_list_consistency_inputs_async (LkCatalog           *self,
                                          gint64               character_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  queue_for_character (self, character_id, lk_catalog_list_consistency_inputs_async,
                       LK_CATALOG_WORK_READ, list_inputs_work, cancellable, callback, user_data);
}

GPtrArray *
lk_catalog_list_consistency_inputs_finish (LkCatalog      *self,
                                           GAsyncResult   *result,
                                           char         ***approved_hashes,
                                           GError        **error)
{
  InputList *list = propagate_pointer (self, result, error);
  GPtrArray *inputs;

  if (list == NULL)
    return NULL;
  inputs = g_steal_pointer (&list->inputs);
  if (approved_hashes != NULL)
    *approved_hashes = g_steal_pointer (&list->approved_hashes);
  input_list_free (list);
  return inputs;
}

/* Storing -------------------------------------------------------------------------------- */

typedef struct
{
  gint64     character_id;
  gint64     job_id;
  GPtrArray *references;
  GPtrArray *approved;
  GPtrArray *scores;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_clear_pointer (&data->references, g_ptr_array_unref);
  g_clear_pointer (&data->approved, g_ptr_array_unref);
  g_clear_pointer (&data->scores, g_ptr_array_unref);
  g_free (data);
}

/* The hash is unsigned; bigint is signed: the same 64 bits either way. */
static char *
phash_param (guint64 phash)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)phash);
}

static gboolean
insert_signatures (PGconn     *conn,
                   const char *character,
                   GPtrArray  *signatures,
                   const char *source,
                   GError    **error)
{
  for (guint i = 0; i < signatures->len; i++)
    {
      const LkSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *palette = lk_palette_to_string (signature->palette);
      g_autofree char *phash = phash_param (signature->phash);
      const char *values[] = { character, signature->content_hash, source, palette, phash };

      if (!_lk_pg_command (conn,
                           "INSERT INTO character_signatures (character_id, content_hash, "
                           "  source, palette, phash) VALUES ($1, $2, $3, $4, $5) "
                           "ON CONFLICT (character_id, content_hash) DO NOTHING",
                           5, values, error))
        return FALSE;
    }
  return TRUE;
}

/* A record without output row but with a file name is tied to @job_id's output of that
 * name, when there is one. */
static gboolean
insert_scores (PGconn     *conn,
               const char *character,
               gint64      job_id,
               GPtrArray  *scores,
               GError    **error)
{
  g_autofree char *job = _lk_pg_id_param (job_id);

  for (guint i = 0; i < scores->len; i++)
    {
      const LkConsistencyRecord *record = g_ptr_array_index (scores, i);
      g_autofree char *output = _lk_pg_id_param (record->output_id);
      g_autofree char *palette = _lk_pg_double_param (record->score.palette_distance);
      g_autofree char *hash = _lk_pg_int64_param (record->score.hash_distance);
      g_autofree char *score = _lk_pg_double_param (record->score.score);
      g_autofree char *n = _lk_pg_int64_param (record->score.n_references);
      const char *row[] = { record->content_hash, character, output, palette, hash, score, n,
                            job, record->filename, record->subfolder };

      if (!_lk_pg_command (conn,
                           "INSERT INTO output_consistency (content_hash, character_id, "
                           "  output_id, palette_distance, hash_distance, score, n_references) "
                           "VALUES ($1, $2, coalesce ($3::bigint, "
                           "  (SELECT id FROM generation_outputs WHERE job_id = $8::bigint "
                           "   AND filename = $9 AND subfolder = coalesce ($10, '') "
                           "   ORDER BY id LIMIT 1)), $4, $5, $6, $7) "
                           "ON CONFLICT (content_hash, character_id) DO UPDATE SET "
                           "  output_id = coalesce (EXCLUDED.output_id, "
                           "                        output_consistency.output_id), "
                           "  palette_distance = EXCLUDED.palette_distance, "
                           "  hash_distance = EXCLUDED.hash_distance, "
                           "  score = EXCLUDED.score, n_references = EXCLUDED.n_references, "
                           "  computed_at = now ()",
                           10, row, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
store_work (PGconn          *conn,
            gpointer         task_data,
            GCancellable    *cancellable,
            gpointer        *result,
            GDestroyNotify  *result_free,
            GError         **error)
{
  StoreData *data = task_data;
  g_autofree char *character = _lk_pg_int64_param (data->character_id);
  const char *values[] = { character };

  if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error)
      || !_lk_pg_command (conn, "DELETE FROM character_signatures WHERE character_id = $1",
                          1, values, error)
      /* a file that is both a reference and approved counts once, as a reference */
      || !insert_signatures (conn, character, data->references, "reference", error)
      || !insert_signatures (conn, character, data->approved, "approved", error))
    return FALSE;

  if (!insert_scores (conn, character, data->job_id, data->scores, error))
    return FALSE;

  return _lk_pg_command (conn, "COMMIT", 0, NULL, error);
}

void
lk_catalog_store_consistency_async (LkCatalog           *self,
                                    gint64               character_id,
                                    GPtrArray           *references,
                                    GPtrArray           *approved,
                                    GPtrArray           *scores,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  StoreData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (references != NULL && approved != NULL && scores != NULL);

  /* The worker reads the arrays; the caller must not change them while it runs. */
  data = g_new0 (StoreData, 1);
  data->character_id = character_id;
  data->references = g_ptr_array_ref (references);
  data->approved = g_ptr_array_ref (approved);
  data->scores = g_ptr_array_ref (scores);

  _lk_catalog_run (self, lk_catalog_store_consistency_async, data, (GDestroyNotify)store_data_free,
                   LK_CATALOG_WORK_WRITE, store_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_store_consistency_finish (LkCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
store_scores_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  StoreData *data = task_data;
  g_autofree char *character = _lk_pg_int64_param (data->character_id);

  return _lk_pg_command (conn, "BEGIN", 0, NULL, error)
         && insert_scores (conn, character, data->job_id, data->scores, error)
         && _lk_pg_command (conn, "COMMIT", 0, NULL, error);
}

void
lk_catalog_store_consistency_scores_async (LkCatalog           *self,
                                           gint64               character_id,
                                           gint64               job_id,
                                           GPtrArray           *scores,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  StoreData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (scores != NULL);

  data = g_new0 (StoreData, 1);
  data->character_id = character_id;
  data->job_id = job_id;
  data->scores = g_ptr_array_ref (scores);

  _lk_catalog_run (self, lk_catalog_store_consistency_scores_async,
                   data, (GDestroyNotify)store_data_free, LK_CATALOG_WORK_WRITE, store_scores_work,
                   cancellable, callback, user_data);
}

gboolean
lk_catalog_store_consistency_scores_finish (LkCatalog     *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading -------------------------------------------------------------------------------- */

static gboolean
list_signatures_work (PGconn          *conn,
                      gpointer         task_data,
                      GCancellable    *cancellable,
                      gpointer        *result,
                      GDestroyNotify  *result_free,
                      GError         **error)
{
  g_autofree char *id = _lk_pg_int64_param (*(gint64 *)task_data);
  const char *values[] = { id };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GPtrArray) signatures = NULL;

  res = _lk_pg_exec (conn,
                     "SELECT content_hash, palette, phash FROM character_signatures "
                     "WHERE character_id = $1 ORDER BY source DESC, id", 1, values, error);
  if (res == NULL)
    return FALSE;

  signatures = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(LkPalette) palette = lk_palette_new_from_string (_lk_pg_str (res, i, 1), error);

      if (palette == NULL)
        return FALSE;
      g_ptr_array_add (signatures, lk_signature_new (palette, (guint64)_lk_pg_int64 (res, i, 2),
                                                     _lk_pg_str (res, i, 0)));
    }

  *result = g_steal_pointer (&signatures);
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

void
lk_catalog_list_signatures_async (LkCatalog           *self,
                                  gint64               character_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  queue_for_character (self, character_id, lk_catalog_list_signatures_async,
                       LK_CATALOG_WORK_READ, list_signatures_work, cancellable, callback,
                       user_data);
}

GPtrArray *
lk_catalog_list_signatures_finish (LkCatalog     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate_pointer (self, result, error);
}

/* The columns of RECORD_COLUMNS, from output_consistency s and generation_outputs o. */
#define RECORD_COLUMNS \
  "s.content_hash, s.output_id, o.filename, o.subfolder, " \
  "s.palette_distance, s.hash_distance, s.score, s.n_references "

static LkConsistencyRecord *
record_from_row (const PGresult *res,
                 int             row)
{
  LkConsistencyRecord *record = g_new0 (LkConsistencyRecord, 1);

  record->content_hash = g_strdup (_lk_pg_str (res, row, 0));
  record->output_id = _lk_pg_int64 (res, row, 1);
  record->filename = g_strdup (_lk_pg_str (res, row, 2));
  record->subfolder = g_strdup (_lk_pg_str (res, row, 3));
  record->score.palette_distance = _lk_pg_double (res, row, 4, 0);
  record->score.hash_distance = (guint)_lk_pg_int64 (res, row, 5);
  record->score.score = _lk_pg_double (res, row, 6, 0);
  record->score.n_references = (guint)_lk_pg_int64 (res, row, 7);

  return record;
}

static gboolean
list_outliers_work (PGconn          *conn,
                    gpointer         task_data,
                    GCancellable    *cancellable,
                    gpointer        *result,
                    GDestroyNotify  *result_free,
                    GError         **error)
{
  g_autofree char *id = _lk_pg_int64_param (*(gint64 *)task_data);
  const char *values[] = { id };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *records;

  /* Unreviewed: no review of the file, or one with only a rating or a note. */
  res = _lk_pg_exec (conn,
                     "SELECT " RECORD_COLUMNS
                     "FROM output_consistency s "
                     "LEFT JOIN generation_outputs o ON o.id = s.output_id "
                     "LEFT JOIN output_reviews r ON r.content_hash = s.content_hash "
                     "WHERE s.character_id = $1 AND r.verdict IS NULL "
                     "ORDER BY s.score DESC, s.content_hash", 1, values, error);
  if (res == NULL)
    return FALSE;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_record_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (records, record_from_row (res, i));

  *result = records;
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

void
lk_catalog_list_outliers_async (LkCatalog           *self,
                                gint64               character_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  queue_for_character (self, character_id, lk_catalog_list_outliers_async,
                       LK_CATALOG_WORK_READ, list_outliers_work, cancellable, callback,
                       user_data);
}

GPtrArray *
lk_catalog_list_outliers_finish (LkCatalog     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_pointer (self, result, error);
}

/* One frame's score ------------------------------------------------------------------------ */

typedef struct
{
  gint64  character_id;
  char   *content_hash;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_free (data->content_hash);
  g_free (data);
}

static gboolean
lookup_score_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  LookupData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  const char *values[] = { id, data->content_hash };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *records;

  res = _lk_pg_exec (conn,
                     "SELECT " RECORD_COLUMNS
                     "FROM output_consistency s "
                     "LEFT JOIN generation_outputs o ON o.id = s.output_id "
                     "WHERE s.character_id = $1 AND s.content_hash = $2", 2, values, error);
  if (res == NULL)
    return FALSE;

  /* A pointer either way: the catalog returns a boolean for a NULL result. */
  records = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_record_free);
  if (PQntuples (res) > 0)
    g_ptr_array_add (records, record_from_row (res, 0));
  *result = records;
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

void
lk_catalog_lookup_consistency_async (LkCatalog           *self,
                                     gint64               character_id,
                                     const char          *content_hash,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LookupData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (content_hash != NULL);

  data = g_new0 (LookupData, 1);
  data->character_id = character_id;
  data->content_hash = g_ascii_strdown (content_hash, -1);
  _lk_catalog_run (self, lk_catalog_lookup_consistency_async, data,
                   (GDestroyNotify)lookup_data_free, LK_CATALOG_WORK_READ, lookup_score_work,
                   cancellable, callback, user_data);
}

LkConsistencyRecord *
lk_catalog_lookup_consistency_finish (LkCatalog     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autoptr(GPtrArray) records = propagate_pointer (self, result, error);

  if (records == NULL || records->len == 0)
    return NULL;

  return g_ptr_array_steal_index (records, 0);
}
