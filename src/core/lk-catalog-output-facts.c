/* lk-catalog-output-facts.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-outputs"

#include "config.h"

#include "lk-catalog-outputs.h"
#include "lk-catalog-private.h"

/* Output facts, for the gallery's filters ------------------------------------------------ */

void
lk_output_facts_free (LkOutputFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->prompt);
  g_free (facts);
}

/* One query for the whole folder rather than one per file: a 100,000-file gallery then costs
 * a single round trip. The positive prompt is the text of the node each sampler's `positive`
 * input links to, so the negative prompt never matches a search. */
static gboolean
list_output_facts_work (PGconn          *conn,
                        gpointer         task_data,
                        GCancellable    *cancellable,
                        gpointer        *result,
                        GDestroyNotify  *result_free,
                        GError         **error)
{
  g_autoptr(PGresult) res = NULL;
  GHashTable *facts;

  res = _lk_pg_exec (conn,
                     "SELECT o.subfolder, o.filename, o.id, j.character_id, c.project_id, "
                     "  r.verdict, "
                     "  CASE WHEN jsonb_typeof (j.workflow) = 'object' THEN "
                     "    (SELECT string_agg (j.workflow -> (s.value -> 'inputs' -> 'positive' "
                     "                                       ->> 0) -> 'inputs' ->> 'text', "
                     "                        ' ') "
                     "     FROM jsonb_each (j.workflow) s "
                     "     WHERE jsonb_typeof (s.value -> 'inputs' -> 'positive') = 'array') "
                     "  END, "
                     "  s.score "
                     "FROM generation_outputs o "
                     "JOIN generation_jobs j ON j.id = o.job_id "
                     "LEFT JOIN characters c ON c.id = j.character_id "
                     "LEFT JOIN output_consistency s "
                     "  ON s.output_id = o.id AND s.character_id = j.character_id "
                     "LEFT JOIN LATERAL (SELECT r0.verdict FROM output_reviews r0 "
                     "                   WHERE r0.output_id = o.id "
                     "                   ORDER BY r0.reviewed_at DESC LIMIT 1) r ON true "
                     "WHERE o.type = 'output' "
                     "ORDER BY o.id", 0, NULL, error);
  if (res == NULL)
    return FALSE;

  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify)lk_output_facts_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *subfolder = _lk_pg_str (res, i, 0);
      const char *filename = _lk_pg_str (res, i, 1);
      const char *verdict = _lk_pg_str (res, i, 5);
      const char *prompt = _lk_pg_str (res, i, 6);
      LkOutputFacts *fact;

      if (filename == NULL)
        continue;

      fact = g_new0 (LkOutputFacts, 1);
      fact->output_id = _lk_pg_int64 (res, i, 2);
      fact->character_id = _lk_pg_int64 (res, i, 3);
      fact->project_id = _lk_pg_int64 (res, i, 4);
      fact->verdict = g_strcmp0 (verdict, "approved") == 0 ? LK_REVIEW_VERDICT_APPROVED
                      : g_strcmp0 (verdict, "rejected") == 0 ? LK_REVIEW_VERDICT_REJECTED
                      : LK_REVIEW_VERDICT_NONE;
      fact->prompt = prompt ? g_utf8_casefold (prompt, -1) : NULL;
      fact->consistency = _lk_pg_double (res, i, 7, -1);
      /* Rows come oldest first, so a file ComfyUI wrote again under the same name is
       * described by its latest job. */
      g_hash_table_replace (facts,
                            subfolder && *subfolder
                            ? g_build_filename (subfolder, filename, NULL)
                            : g_strdup (filename),
                            fact);
    }

  *result = facts;
  *result_free = (GDestroyNotify)g_hash_table_unref;
  return TRUE;
}

void
lk_catalog_list_output_facts_async (LkCatalog           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_output_facts_async, NULL, NULL,
                   LK_CATALOG_WORK_READ, list_output_facts_work, cancellable, callback, user_data);
}

GHashTable *
lk_catalog_list_output_facts_finish (LkCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
