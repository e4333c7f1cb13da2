/* lk-cli-jobs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The generation jobs the catalog records: listing them, and cancelling one, from any
 * machine: the job is first looked up on its server, as a restarted Lorakeet would. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lk-cli-generate.h"
#include "lk-cli-verbs.h"

/* How long `cancel` waits for the server to confirm. */
#define CANCEL_WAIT_S 120

/* ---- jobs ----------------------------------------------------------------------------------- */

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  LkCatalogJob *x = *(LkCatalogJob **) a;
  LkCatalogJob *y = *(LkCatalogJob **) b;
  GDateTime *tx = lk_catalog_job_get_created_at (x);
  GDateTime *ty = lk_catalog_job_get_created_at (y);
  gint by_time = (tx && ty) ? g_date_time_compare (ty, tx) : 0;
  gint64 ix = lk_catalog_job_get_id (x);
  gint64 iy = lk_catalog_job_get_id (y);

  if (by_time != 0)
    return by_time;
  return iy < ix ? -1 : iy > ix;
}

static gboolean
list_jobs (LkCliSession  *session,
           gint64         character_id,
           GPtrArray     *into,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) jobs = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_catalog_list_jobs_async (session->catalog, character_id, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(jobs = lk_catalog_list_jobs_finish (session->catalog, result, error)))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    g_ptr_array_add (into, g_list_model_get_item (jobs, i));

  return TRUE;
}

static void
add_catalog_job_json (JsonBuilder  *builder,
                      LkCatalogJob *job,
                      const char   *character)
{
  GListModel *outputs = lk_catalog_job_get_outputs (job);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, lk_catalog_job_get_id (job));
  json_builder_set_member_name (builder, "character_id");
  json_builder_add_int_value (builder, lk_catalog_job_get_character_id (job));
  lk_cli_json_add_string (builder, "character", character);
  lk_cli_json_add_string (builder, "status", lk_catalog_job_get_status (job));
  lk_cli_json_add_string (builder, "prompt_id", lk_catalog_job_get_prompt_id (job));
  lk_cli_json_add_string (builder, "server", lk_catalog_job_get_server_url (job));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, lk_catalog_job_get_seed (job));
  lk_cli_json_add_string (builder, "error", lk_catalog_job_get_error (job));
  lk_cli_json_add_string (builder, "created_by", lk_catalog_job_get_created_by (job));
  lk_cli_json_add_time (builder, "created_at", lk_catalog_job_get_created_at (job));
  lk_cli_json_add_time (builder, "finished_at", lk_catalog_job_get_finished_at (job));
  json_builder_set_member_name (builder, "outputs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkCatalogOutput) output = g_list_model_get_item (outputs, i);

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "filename", lk_catalog_output_get_filename (output));
      lk_cli_json_add_string (builder, "subfolder", lk_catalog_output_get_subfolder (output));
      lk_cli_json_add_string (builder, "type", lk_catalog_output_get_output_type (output));
      lk_cli_json_add_string (builder, "kind", lk_catalog_output_get_kind (output));
      lk_cli_json_add_string (builder, "node_id", lk_catalog_output_get_node_id (output));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
lk_cli_jobs (LkCliContext  *ctx,
             int            argc,
             char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *character = NULL;
  gboolean unfinished = FALSE;
  int limit = 0;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  const GOptionEntry entries[] = {
    { "character", 'c', 0, G_OPTION_ARG_STRING, &character,
      N_("Only this character's jobs (name or id)"), "CHARACTER" },
    { "unfinished", 'u', 0, G_OPTION_ARG_NONE, &unfinished,
      N_("Only jobs still pending, queued or running"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many, newest first"), "N" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "",
                             _("List generation jobs, newest first")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 1 || limit < 0)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli jobs [--character CHARACTER] [--unfinished] "
                            "[--limit N] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  lk_catalog_list_characters_async (session.catalog, 0, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(characters = lk_catalog_list_characters_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);
  for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
    {
      g_autoptr(LkCharacter) c = g_list_model_get_item (characters, i);
      gint64 id = lk_character_get_id (c);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup (lk_character_get_name (c)));
    }

  if (character != NULL)
    {
      g_autoptr(LkCharacter) one = lk_cli_find_character (&session, character, &error);

      if (one == NULL || !list_jobs (&session, lk_character_get_id (one), jobs, &error))
        return lk_cli_fail (error);
    }
  else if (unfinished)
    {
      if (!list_jobs (&session, 0, jobs, &error))
        return lk_cli_fail (error);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
        {
          g_autoptr(LkCharacter) c = g_list_model_get_item (characters, i);

          if (!list_jobs (&session, lk_character_get_id (c), jobs, &error))
            return lk_cli_fail (error);
        }
    }

  g_ptr_array_sort (jobs, newest_first);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < jobs->len && (limit == 0 || i < (guint) limit); i++)
    {
      LkCatalogJob *job = g_ptr_array_index (jobs, i);
      gint64 character_id = lk_catalog_job_get_character_id (job);
      const char *name = g_hash_table_lookup (names, &character_id);
      g_autofree char *created = NULL;

      if (ctx->json)
        {
          add_catalog_job_json (builder, job, name);
          continue;
        }

      created = lk_cli_format_time (lk_catalog_job_get_created_at (job));
      printf ("%-6lld %-10s %-20s %-19s %2u %s%s%s\n", (long long) lk_catalog_job_get_id (job),
              lk_catalog_job_get_status (job), name ? name : "—", created ? created : "",
              g_list_model_get_n_items (lk_catalog_job_get_outputs (job)),
              lk_catalog_job_get_server_url (job),
              lk_catalog_job_get_error (job) ? "  " : "",
              lk_catalog_job_get_error (job) ? lk_catalog_job_get_error (job) : "");
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (ctx->json)
    lk_cli_print_builder (builder);
  else if (jobs->len == 0)
    printf ("%s\n", _("No jobs."));

  return LK_CLI_EXIT_OK;
}

/* ---- cancel --------------------------------------------------------------------------------- */

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

int
lk_cli_cancel (LkCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkServerPool) pool = NULL;
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(GAsyncResult) reconciled = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  LkCliWait cancel_wait = LK_CLI_WAIT_INIT;
  LkGeneratorJob *job;
  gboolean timed_out = FALSE;
  gboolean was_finished;
  char *end = NULL;
  gint64 job_id;
  guint timeout;

  if (!lk_cli_parse_options (ctx, &argc, &argv, NULL, "JOB",
                             _("Cancel a job: removed from its server's queue, or stopped")))
    return LK_CLI_EXIT_USAGE;
  job_id = argc == 2 ? g_ascii_strtoll (argv[1], &end, 10) : 0;
  if (argc != 2 || end == NULL || *end != '\0' || job_id <= 0)
    {
      g_printerr ("%s\n",
                  _("Usage: lorakeet-cli cancel JOB (a job id from “lorakeet-cli jobs”)"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  /* no servers of its own: the job is looked up on the server it was sent to */
  pool = lk_server_pool_new ();
  generator = lk_generator_new (session.catalog, pool);
  lk_generator_set_download (generator, FALSE);

  lk_generator_reconcile_async (generator, job_id, NULL, lk_cli_wait_cb, &wait);
  reconciled = lk_cli_wait_run (&wait);
  if (!(found = lk_generator_reconcile_finish (generator, reconciled, &error)))
    return lk_cli_fail_generate (error);
  if (found->len == 0)
    {
      g_printerr (_("lorakeet-cli: the server of job %lld cannot be reached; nothing was "
                    "changed. Try again later.\n"), (long long) job_id);
      return LK_CLI_EXIT_USAGE;
    }

  job = g_ptr_array_index (found, 0);
  was_finished = lk_generator_job_is_finished (job);
  if (!was_finished)
    {
      lk_generator_cancel_async (generator, job, NULL, lk_cli_wait_cb, &cancel_wait);
      cancelled = lk_cli_wait_run (&cancel_wait);
      if (!lk_generator_cancel_finish (generator, cancelled, &error))
        return lk_cli_fail_generate (error);

      timeout = g_timeout_add_seconds (CANCEL_WAIT_S, timed_out_cb, &timed_out);
      while (!lk_generator_job_is_finished (job) && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (timeout);
    }

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "jobs");
      json_builder_begin_array (builder);
      lk_cli_add_job_json (builder, job);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    lk_cli_print_job (job);

  if (lk_generator_job_get_state (job) == LK_JOB_CANCELLED)
    return LK_CLI_EXIT_OK;

  if (timed_out)
    g_printerr (_("lorakeet-cli: the server was asked to cancel job %lld but has not confirmed "
                  "it yet.\n"), (long long) job_id);
  else if (was_finished)
    g_printerr (_("lorakeet-cli: job %lld had already ended (%s).\n"), (long long) job_id,
                lk_job_state_to_string (lk_generator_job_get_state (job)));
  else
    g_printerr (_("lorakeet-cli: job %lld ended before it could be cancelled (%s).\n"),
                (long long) job_id, lk_job_state_to_string (lk_generator_job_get_state (job)));

  return LK_CLI_EXIT_FAILED;
}
