/* lk-catalog-outputs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-outputs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-outputs.h"
#include "lk-catalog-private.h"

#define REVIEW_COLUMNS(r) \
  r ".content_hash, " r ".output_id, " r ".verdict, " r ".rating, " r ".note, " \
  r ".reviewed_by, to_json (" r ".reviewed_at)"
#define REVIEW_N_COLUMNS 7

/* Boxed types ---------------------------------------------------------------------------- */

LkOutputReview *
lk_output_review_copy (const LkOutputReview *review)
{
  LkOutputReview *copy;

  g_return_val_if_fail (review != NULL, NULL);

  copy = g_new0 (LkOutputReview, 1);
  copy->content_hash = g_strdup (review->content_hash);
  copy->output_id = review->output_id;
  copy->verdict = review->verdict;
  copy->rating = review->rating;
  copy->note = g_strdup (review->note);
  copy->reviewed_by = g_strdup (review->reviewed_by);
  copy->reviewed_at = review->reviewed_at ? g_date_time_ref (review->reviewed_at) : NULL;
  return copy;
}

void
lk_output_review_free (LkOutputReview *review)
{
  if (review == NULL)
    return;
  g_free (review->content_hash);
  g_free (review->note);
  g_free (review->reviewed_by);
  g_clear_pointer (&review->reviewed_at, g_date_time_unref);
  g_free (review);
}

G_DEFINE_BOXED_TYPE (LkOutputReview, lk_output_review, lk_output_review_copy,
                     lk_output_review_free)

const char *
lk_review_verdict_to_string (LkReviewVerdict verdict)
{
  switch (verdict)
    {
    case LK_REVIEW_VERDICT_APPROVED:
      return "approved";
    case LK_REVIEW_VERDICT_REJECTED:
      return "rejected";
    case LK_REVIEW_VERDICT_NONE:
    default:
      return NULL;
    }
}

void
lk_output_record_free (LkOutputRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->filename);
  g_free (record->subfolder);
  g_free (record->kind);
  g_clear_pointer (&record->created_at, g_date_time_unref);
  g_free (record->character_name);
  g_free (record->job_status);
  g_clear_pointer (&record->review, lk_output_review_free);
  g_free (record);
}

void
lk_frame_check_free (LkFrameCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->prompt_id);
  g_free (check->job_status);
  g_free (check->character_name);
  g_free (check->project_name);
  g_strfreev (check->character_loras);
  g_free (check->message);
  g_free (check->profile_name);
  g_free (check->server_url);
  g_free (check->created_by);
  g_clear_pointer (&check->created_at, g_date_time_unref);
  g_clear_pointer (&check->finished_at, g_date_time_unref);
  g_free (check->job_error);
  g_free (check);
}

static LkOutputReview *
review_from_row (const PGresult *res,
                 int             row,
                 int             first)
{
  LkOutputReview *review;
  const char *verdict;

  if (PQgetisnull (res, row, first))
    return NULL;

  review = g_new0 (LkOutputReview, 1);
  review->content_hash = g_strdup (_lk_pg_str (res, row, first));
  review->output_id = _lk_pg_int64 (res, row, first + 1);
  verdict = _lk_pg_str (res, row, first + 2);
  review->verdict = g_strcmp0 (verdict, "approved") == 0 ? LK_REVIEW_VERDICT_APPROVED
                    : g_strcmp0 (verdict, "rejected") == 0 ? LK_REVIEW_VERDICT_REJECTED
                    : LK_REVIEW_VERDICT_NONE;
  review->rating = (int)_lk_pg_int64 (res, row, first + 3);
  review->note = g_strdup (_lk_pg_str (res, row, first + 4));
  review->reviewed_by = g_strdup (_lk_pg_str (res, row, first + 5));
  review->reviewed_at = _lk_pg_timestamp (res, row, first + 6);
  return review;
}

static gboolean
finish_boolean (LkCatalog     *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* LoRA owners and the frame check -------------------------------------------------------- */

static void
add_owner (GHashTable *owners,
           const char *file,
           const char *character)
{
  char *key = lk_lora_name_key (file);

  if (key == NULL || character == NULL)
    {
      g_free (key);
      return;
    }
  /* The first owner wins: rows come current first, so a file shared by mistake is named
   * after the character generating with it now. */
  if (g_hash_table_contains (owners, key))
    g_free (key);
  else
    g_hash_table_insert (owners, key, g_strdup (character));
}

static GHashTable *
query_owners (PGconn  *conn,
              GError **error)
{
  g_autoptr(PGresult) res = NULL;
  GHashTable *owners;

  res = _lk_pg_exec (conn,
                     "SELECT m.model_path, m.file_path, c.name FROM character_loras cl "
                     "JOIN ai_models m ON m.id = cl.model_id "
                     "JOIN characters c ON c.id = cl.character_id "
                     "ORDER BY cl.is_current DESC, cl.id DESC", 0, NULL, error);
  if (res == NULL)
    return NULL;

  owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      add_owner (owners, _lk_pg_str (res, i, 0), _lk_pg_str (res, i, 2));
      add_owner (owners, _lk_pg_str (res, i, 1), _lk_pg_str (res, i, 2));
    }
  return owners;
}

static gboolean
list_owners_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  if (!(*result = query_owners (conn, error)))
    return FALSE;
  *result_free = (GDestroyNotify)g_hash_table_unref;
  return TRUE;
}

void
lk_catalog_list_lora_owners_async (LkCatalog           *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_lora_owners_async, NULL, NULL,
                   LK_CATALOG_WORK_READ, list_owners_work, cancellable, callback, user_data);
}

GHashTable *
lk_catalog_list_lora_owners_finish (LkCatalog     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  LkProvenance *provenance;
  char         *filename;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->provenance);
  g_free (data->filename);
  g_free (data);
}

#define ORIGIN_COLUMNS \
  "j.id, j.prompt_id, j.status, j.character_id, c.name, p.name, pr.name, j.server_url, " \
  "j.created_by, to_json (j.created_at), to_json (j.finished_at), j.error, o.id"
#define ORIGIN_JOINS \
  "LEFT JOIN characters c ON c.id = j.character_id " \
  "LEFT JOIN projects p ON p.id = c.project_id " \
  "LEFT JOIN generation_profiles pr ON pr.id = j.profile_id "

static gboolean
find_origin (PGconn        *conn,
             CheckData     *data,
             LkFrameCheck  *check,
             GError       **error)
{
  const char *tag = lk_provenance_get_job_tag (data->provenance);
  g_autoptr(PGresult) res = NULL;

  if (tag != NULL)
    {
      const char *values[] = { tag, data->filename };

      res = _lk_pg_exec (conn,
                         "SELECT " ORIGIN_COLUMNS " FROM generation_jobs j " ORIGIN_JOINS
                         "LEFT JOIN generation_outputs o ON o.job_id = j.id AND o.filename = $2 "
                         "WHERE j.prompt_id = $1 ORDER BY j.id DESC, o.id DESC LIMIT 1",
                         2, values, error);
      if (res == NULL)
        return FALSE;
    }

  if ((res == NULL || PQntuples (res) == 0) && data->filename != NULL)
    {
      const char *values[] = { data->filename };

      g_clear_pointer (&res, PQclear);
      res = _lk_pg_exec (conn,
                         "SELECT " ORIGIN_COLUMNS " FROM generation_outputs o "
                         "JOIN generation_jobs j ON j.id = o.job_id " ORIGIN_JOINS
                         "WHERE o.filename = $1 ORDER BY o.id DESC LIMIT 1",
                         1, values, error);
      if (res == NULL)
        return FALSE;
    }

  if (res == NULL || PQntuples (res) == 0)
    return TRUE;

  check->job_id = _lk_pg_int64 (res, 0, 0);
  check->prompt_id = g_strdup (_lk_pg_str (res, 0, 1));
  check->job_status = g_strdup (_lk_pg_str (res, 0, 2));
  check->character_id = _lk_pg_int64 (res, 0, 3);
  check->character_name = g_strdup (_lk_pg_str (res, 0, 4));
  check->project_name = g_strdup (_lk_pg_str (res, 0, 5));
  check->profile_name = g_strdup (_lk_pg_str (res, 0, 6));
  check->server_url = g_strdup (_lk_pg_str (res, 0, 7));
  check->created_by = g_strdup (_lk_pg_str (res, 0, 8));
  check->created_at = _lk_pg_timestamp (res, 0, 9);
  check->finished_at = _lk_pg_timestamp (res, 0, 10);
  check->job_error = g_strdup (_lk_pg_str (res, 0, 11));
  check->output_id = _lk_pg_int64 (res, 0, 12);
  return TRUE;
}

static char **
query_character_loras (PGconn   *conn,
                       gint64    character_id,
                       GError  **error)
{
  g_autofree char *id = _lk_pg_int64_param (character_id);
  const char *values[] = { id };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  res = _lk_pg_exec (conn,
                     "SELECT coalesce (m.model_path, m.file_path, m.name) "
                     "FROM character_loras cl JOIN ai_models m ON m.id = cl.model_id "
                     "WHERE cl.character_id = $1 ORDER BY cl.is_current DESC, cl.id DESC",
                     1, values, error);
  if (res == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (res); i++)
    if (_lk_pg_str (res, i, 0) != NULL)
      g_strv_builder_add (builder, _lk_pg_str (res, i, 0));
  return g_strv_builder_end (builder);
}

static gboolean
check_frame_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  CheckData *data = task_data;
  g_autoptr(LkFrameCheck) check = g_new0 (LkFrameCheck, 1);
  g_autoptr(GHashTable) owners = NULL;

  if (!find_origin (conn, data, check, error))
    return FALSE;

  if (check->character_id == 0 || check->character_name == NULL)
    {
      check->character_loras = g_new0 (char *, 1);
      check->verdict = LK_LORA_VERDICT_UNKNOWN;
      check->message = g_strdup (check->job_id == 0
                                 ? _("This frame is not recorded in the catalog, so Lorakeet "
                                     "cannot say which character it should show.")
                                 : _("This frame’s job has no character in the catalog any "
                                     "more, so Lorakeet cannot say which character it should "
                                     "show."));
    }
  else
    {
      if (!(check->character_loras = query_character_loras (conn, check->character_id, error))
          || !(owners = query_owners (conn, error)))
        return FALSE;
      check->verdict = lk_provenance_check_lora (data->provenance, check->character_name,
                                                 (const char * const *)check->character_loras,
                                                 owners, &check->message);
    }

  *result = g_steal_pointer (&check);
  *result_free = (GDestroyNotify)lk_frame_check_free;
  return TRUE;
}

void
lk_catalog_check_frame_async (LkCatalog           *self,
                              LkProvenance        *provenance,
                              const char          *filename,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CheckData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (LK_IS_PROVENANCE (provenance));

  /* The provenance is immutable once read, so the worker may read it. */
  data = g_new0 (CheckData, 1);
  data->provenance = g_object_ref (provenance);
  data->filename = g_strdup (filename);

  _lk_catalog_run (self, lk_catalog_check_frame_async, data, (GDestroyNotify)check_data_free,
                   LK_CATALOG_WORK_READ, check_frame_work, cancellable, callback, user_data);
}

LkFrameCheck *
lk_catalog_check_frame_finish (LkCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Listing outputs ------------------------------------------------------------------------ */

static gboolean
list_outputs_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  g_autofree char *character = _lk_pg_id_param (*(gint64 *)task_data);
  const char *values[] = { character };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *records;

  res = _lk_pg_exec (conn,
                     "SELECT o.id, o.job_id, o.filename, o.subfolder, o.kind, "
                     "  to_json (o.created_at), j.character_id, c.name, j.status, "
                     REVIEW_COLUMNS ("r") " "
                     "FROM generation_outputs o "
                     "JOIN generation_jobs j ON j.id = o.job_id "
                     "LEFT JOIN characters c ON c.id = j.character_id "
                     "LEFT JOIN LATERAL (SELECT * FROM output_reviews r0 "
                     "                   WHERE r0.output_id = o.id "
                     "                   ORDER BY r0.reviewed_at DESC LIMIT 1) r ON true "
                     "WHERE $1::bigint IS NULL OR j.character_id = $1 "
                     "ORDER BY o.created_at DESC, o.id DESC", 1, values, error);
  if (res == NULL)
    return FALSE;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_output_record_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      LkOutputRecord *record = g_new0 (LkOutputRecord, 1);

      record->output_id = _lk_pg_int64 (res, i, 0);
      record->job_id = _lk_pg_int64 (res, i, 1);
      record->filename = g_strdup (_lk_pg_str (res, i, 2));
      record->subfolder = g_strdup (_lk_pg_str (res, i, 3));
      record->kind = g_strdup (_lk_pg_str (res, i, 4));
      record->created_at = _lk_pg_timestamp (res, i, 5);
      record->character_id = _lk_pg_int64 (res, i, 6);
      record->character_name = g_strdup (_lk_pg_str (res, i, 7));
      record->job_status = g_strdup (_lk_pg_str (res, i, 8));
      record->review = review_from_row (res, i, 9);
      g_ptr_array_add (records, record);
    }

  *result = records;
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

void
lk_catalog_list_outputs_async (LkCatalog           *self,
                               gint64               character_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_outputs_async,
                   g_memdup2 (&character_id, sizeof character_id), g_free,
                   LK_CATALOG_WORK_READ, list_outputs_work, cancellable, callback, user_data);
}

GPtrArray *
lk_catalog_list_outputs_finish (LkCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reviews -------------------------------------------------------------------------------- */

/* A review lookup or replacement hands back "maybe a review"; NULL is a valid answer, so it
 * travels in a box that is always there on success. */
typedef struct
{
  LkOutputReview *review;
} ReviewBox;

static void
review_box_free (ReviewBox *box)
{
  lk_output_review_free (box->review);
  g_free (box);
}

static gboolean
review_box_work (PGconn          *conn,
                 const char      *sql,
                 int              n_values,
                 GPtrArray       *values,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  g_autoptr(PGresult) res = NULL;
  ReviewBox *box;

  res = _lk_pg_exec (conn, sql, n_values, (const char * const *)values->pdata, error);
  if (res == NULL)
    return FALSE;

  box = g_new0 (ReviewBox, 1);
  if (PQntuples (res) > 0)
    box->review = review_from_row (res, 0, 0);
  *result = box;
  *result_free = (GDestroyNotify)review_box_free;
  return TRUE;
}

static gboolean
finish_review_box (LkCatalog       *self,
                   GAsyncResult    *result,
                   LkOutputReview **review,
                   GError         **error)
{
  ReviewBox *box;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (review != NULL)
    *review = NULL;
  if (!(box = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (review != NULL)
    *review = g_steal_pointer (&box->review);
  review_box_free (box);
  return TRUE;
}

static gboolean
get_review_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  return review_box_work (conn,
                          "SELECT " REVIEW_COLUMNS ("r") " FROM output_reviews r "
                          "WHERE r.content_hash = $1",
                          1, task_data, result, result_free, error);
}

static GPtrArray *
hash_values (const char *content_hash)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, g_ascii_strdown (content_hash, -1));
  return values;
}

void
lk_catalog_get_review_async (LkCatalog           *self,
                             const char          *content_hash,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (content_hash != NULL && *content_hash != '\0');

  _lk_catalog_run (self, lk_catalog_get_review_async,
                   hash_values (content_hash), (GDestroyNotify)g_ptr_array_unref,
                   LK_CATALOG_WORK_READ, get_review_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_get_review_finish (LkCatalog       *self,
                              GAsyncResult    *result,
                              LkOutputReview **review,
                              GError         **error)
{
  return finish_review_box (self, result, review, error);
}

/* The CTE reads the row as it was before the upsert (both see the statement's snapshot), and
 * locks it so two artists reviewing the same frame at once each get a true "before". */
static gboolean
replace_review_work (PGconn          *conn,
                     gpointer         task_data,
                     GCancellable    *cancellable,
                     gpointer        *result,
                     GDestroyNotify  *result_free,
                     GError         **error)
{
  return review_box_work (conn,
                          "WITH prior AS ("
                          "  SELECT " REVIEW_COLUMNS ("r") " FROM output_reviews r "
                          "  WHERE r.content_hash = $1 FOR UPDATE), "
                          "up AS ("
                          "  INSERT INTO output_reviews (content_hash, output_id, verdict, "
                          "    rating, note, reviewed_by) VALUES ($1, $2, $3, $4, $5, $6) "
                          "  ON CONFLICT (content_hash) DO UPDATE SET "
                          "    output_id = COALESCE (EXCLUDED.output_id, "
                          "                          output_reviews.output_id), "
                          "    verdict = EXCLUDED.verdict, rating = EXCLUDED.rating, "
                          "    note = EXCLUDED.note, reviewed_by = EXCLUDED.reviewed_by, "
                          "    reviewed_at = now () "
                          "  RETURNING id) "
                          "SELECT prior.* FROM prior, up",
                          6, task_data, result, result_free, error);
}

static GPtrArray *
review_values (const char      *content_hash,
               gint64           output_id,
               LkReviewVerdict  verdict,
               int              rating,
               const char      *note,
               const char      *who)
{
  GPtrArray *values = hash_values (content_hash);

  g_ptr_array_add (values, _lk_pg_id_param (output_id));
  g_ptr_array_add (values, g_strdup (lk_review_verdict_to_string (verdict)));
  g_ptr_array_add (values, rating > 0 ? g_strdup_printf ("%d", rating) : NULL);
  g_ptr_array_add (values, g_strdup (note));
  g_ptr_array_add (values, g_strdup (who ? who : g_get_user_name ()));
  return values;
}

void
lk_catalog_replace_review_async (LkCatalog           *self,
                                 const char          *content_hash,
                                 gint64               output_id,
                                 LkReviewVerdict      verdict,
                                 int                  rating,
                                 const char          *note,
                                 const char          *who,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (content_hash != NULL && *content_hash != '\0');
  g_return_if_fail (rating >= 0 && rating <= 5);

  _lk_catalog_run (self, lk_catalog_replace_review_async,
                   review_values (content_hash, output_id, verdict, rating, note, who),
                   (GDestroyNotify)g_ptr_array_unref,
                   LK_CATALOG_WORK_WRITE, replace_review_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_replace_review_finish (LkCatalog       *self,
                                  GAsyncResult    *result,
                                  LkOutputReview **previous,
                                  GError         **error)
{
  return finish_review_box (self, result, previous, error);
}

static gboolean
restore_review_work (PGconn          *conn,
                     gpointer         task_data,
                     GCancellable    *cancellable,
                     gpointer        *result,
                     GDestroyNotify  *result_free,
                     GError         **error)
{
  GPtrArray *values = task_data;

  if (values->len == 1)
    return _lk_pg_command (conn, "DELETE FROM output_reviews WHERE content_hash = $1",
                           1, (const char * const *)values->pdata, error);

  return _lk_pg_command (conn,
                         "INSERT INTO output_reviews (content_hash, output_id, verdict, rating, "
                         "  note, reviewed_by, reviewed_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6, COALESCE ($7::timestamptz, now ())) "
                         "ON CONFLICT (content_hash) DO UPDATE SET "
                         "  output_id = EXCLUDED.output_id, verdict = EXCLUDED.verdict, "
                         "  rating = EXCLUDED.rating, note = EXCLUDED.note, "
                         "  reviewed_by = EXCLUDED.reviewed_by, "
                         "  reviewed_at = EXCLUDED.reviewed_at",
                         7, (const char * const *)values->pdata, error);
}

void
lk_catalog_restore_review_async (LkCatalog            *self,
                                 const char           *content_hash,
                                 const LkOutputReview *previous,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  GPtrArray *values;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (content_hash != NULL && *content_hash != '\0');

  if (previous == NULL)
    values = hash_values (content_hash);
  else
    {
      values = review_values (content_hash, previous->output_id, previous->verdict,
                              previous->rating, previous->note, previous->reviewed_by);
      g_ptr_array_add (values, previous->reviewed_at
                               ? g_date_time_format_iso8601 (previous->reviewed_at) : NULL);
    }

  _lk_catalog_run (self, lk_catalog_restore_review_async, values, (GDestroyNotify)g_ptr_array_unref,
                   LK_CATALOG_WORK_WRITE, restore_review_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_restore_review_finish (LkCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_boolean (self, result, error);
}
