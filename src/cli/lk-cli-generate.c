/* lk-cli-generate.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The generation verbs: generate, check, jobs and cancel. They replace the studio's ad-hoc
 * scripts ("generate Mei", "generate all characters") with the same flow as the application:
 * every job recorded in the catalog before it is sent, followed until its outcome is there. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lk-cli-generate.h"
#include "lk-cli-verbs.h"
#include "lk-comfy-output.h"
#include "lk-preflight.h"

#define DEFAULT_SERVER "http://127.0.0.1:8188"

/* ---- shared with lk-cli-template.c ---------------------------------------------------- */

LkGenerator *
lk_cli_generator_new (LkCliSession        *session,
                      const char * const  *servers,
                      GError             **error)
{
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) from_env = NULL;
  const char *env = g_getenv ("LORAKEET_COMFYUI");

  if ((servers == NULL || servers[0] == NULL) && env != NULL && *env != '\0')
    servers = (const char * const *) (from_env = g_strsplit (env, ",", -1));

  for (guint i = 0; servers != NULL && servers[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (servers[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (*g_strstrip (parts[j]) != '\0')
          g_ptr_array_add (urls, g_strdup (parts[j]));
    }
  if (urls->len == 0)
    g_ptr_array_add (urls, g_strdup (DEFAULT_SERVER));
  g_ptr_array_add (urls, NULL);

  if (!lk_server_pool_set_urls (pool, (const char * const *) urls->pdata, error))
    return NULL;

  return lk_generator_new (session->catalog, pool);
}

/* 2 for what is wrong before anything could run (configuration, connection), else 1. */
int
lk_cli_exit_for (const GError *error)
{
  if (error->domain == LK_COMFY_ERROR
      && (error->code == LK_COMFY_ERROR_NO_SERVER || error->code == LK_COMFY_ERROR_INVALID_URL
          || error->code == LK_COMFY_ERROR_UNREACHABLE || error->code == LK_COMFY_ERROR_FORBIDDEN))
    return LK_CLI_EXIT_USAGE;
  if (error->domain == LK_GENERATOR_ERROR && error->code == LK_GENERATOR_ERROR_INVALID_REQUEST)
    return LK_CLI_EXIT_USAGE;
  if (error->domain == LK_CATALOG_ERROR
      && (error->code == LK_CATALOG_ERROR_UNREACHABLE
          || error->code == LK_CATALOG_ERROR_SCHEMA_OUTDATED))
    return LK_CLI_EXIT_USAGE;
  return LK_CLI_EXIT_FAILED;
}

int
lk_cli_fail_generate (const GError *error)
{
  lk_cli_print_error (error);
  return lk_cli_exit_for (error);
}

guint
lk_cli_print_checks (LkCliContext *ctx,
                     GListModel   *checks,
                     JsonBuilder  *builder,
                     guint        *n_warnings)
{
  guint errors = 0;

  if (ctx->json)
    {
      json_builder_set_member_name (builder, "checks");
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);
      LkCheckLevel level = lk_check_get_level (check);

      errors += level == LK_CHECK_LEVEL_ERROR;
      if (n_warnings != NULL)
        *n_warnings += level == LK_CHECK_LEVEL_WARNING;

      if (ctx->json)
        {
          json_builder_add_value (builder, lk_check_to_json (check));
          continue;
        }

      printf ("  %-8s %-16s %s\n",
              level == LK_CHECK_LEVEL_ERROR ? _("ERROR")
              : level == LK_CHECK_LEVEL_WARNING ? _("warning") : _("ok"),
              lk_check_get_id (check), lk_check_get_message (check));
      if (level != LK_CHECK_LEVEL_OK && lk_check_get_fix (check) != NULL)
        printf ("  %-8s %-16s %s %s\n", "", "", _("→"), lk_check_get_fix (check));
    }

  if (ctx->json)
    json_builder_end_array (builder);

  return errors;
}

/* Finds the characters a verb works on: one by name or id, or every one of a project (by
 * name or id), or every one in the catalog. */
static GPtrArray *
find_characters (LkCliSession  *session,
                 const char    *character,
                 const char    *project,
                 gint64        *project_id,
                 GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (character != NULL)
    {
      LkCharacter *one = lk_cli_find_character (session, character, error);

      if (one == NULL)
        return NULL;
      g_ptr_array_add (found, one);
      return g_steal_pointer (&found);
    }

  lk_catalog_list_characters_async (session->catalog, 0, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(all = lk_catalog_list_characters_finish (session->catalog, result, error)))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(LkCharacter) c = g_list_model_get_item (all, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lk_character_get_project_id (c));
      const char *name = lk_character_get_project_name (c);

      if (project != NULL && !g_str_equal (id, project)
          && (name == NULL || g_ascii_strcasecmp (name, project) != 0))
        continue;
      if (project_id != NULL)
        *project_id = lk_character_get_project_id (c);
      g_ptr_array_add (found, g_steal_pointer (&c));
    }

  if (project != NULL && found->len == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No project “%s” with characters is in the catalog."), project);
      return NULL;
    }

  return g_steal_pointer (&found);
}

/* ---- generate ----------------------------------------------------------------------------- */

void
lk_cli_add_job_json (JsonBuilder    *builder,
                     LkGeneratorJob *job)
{
  GListModel *outputs = lk_generator_job_get_outputs (job);
  const GError *error = lk_generator_job_get_error (job);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  if (lk_generator_job_get_id (job) > 0)
    json_builder_add_int_value (builder, lk_generator_job_get_id (job));
  else
    json_builder_add_null_value (builder);
  lk_cli_json_add_string (builder, "character", lk_generator_job_get_character_name (job));
  lk_cli_json_add_string (builder, "prompt_id", lk_generator_job_get_prompt_id (job));
  lk_cli_json_add_string (builder, "server", lk_generator_job_get_server_url (job));
  lk_cli_json_add_string (builder, "status",
                          lk_job_state_to_string (lk_generator_job_get_state (job)));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) lk_generator_job_get_seed (job));
  lk_cli_json_add_string (builder, "error", error ? error->message : NULL);
  lk_cli_json_add_string (builder, "warning", lk_generator_job_get_warning (job));
  json_builder_set_member_name (builder, "outputs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);

      json_builder_begin_object (builder);
      if (lk_comfy_output_get_path (output) != NULL)
        lk_cli_json_add_string (builder, "path", lk_comfy_output_get_path (output));
      else
        lk_cli_json_add_string (builder, "url", lk_comfy_output_get_url (output));
      lk_cli_json_add_string (builder, "kind",
                              lk_comfy_output_kind_to_string (lk_comfy_output_get_kind (output)));
      lk_cli_json_add_string (builder, "filename", lk_comfy_output_get_filename (output));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
lk_cli_print_job (LkGeneratorJob *job)
{
  GListModel *outputs = lk_generator_job_get_outputs (job);
  const GError *error = lk_generator_job_get_error (job);
  const char *name = lk_generator_job_get_character_name (job);

  printf (_("Job %lld  %s  seed %llu  %s  %s\n"), (long long) lk_generator_job_get_id (job),
          name ? name : "—",
          (unsigned long long) lk_generator_job_get_seed (job),
          lk_generator_job_get_server_url (job) ? lk_generator_job_get_server_url (job) : "—",
          lk_job_state_to_string (lk_generator_job_get_state (job)));
  for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
    {
      g_autoptr(LkComfyOutput) output = g_list_model_get_item (outputs, i);

      printf ("  %-6s %s\n", lk_comfy_output_kind_to_string (lk_comfy_output_get_kind (output)),
              lk_comfy_output_get_path (output) ? lk_comfy_output_get_path (output)
                                                : lk_comfy_output_get_url (output));
    }
  if (error != NULL)
    printf (_("  error: %s\n"), error->message);
  if (lk_generator_job_get_warning (job) != NULL)
    printf (_("  warning: %s\n"), lk_generator_job_get_warning (job));
}

typedef struct
{
  LkGeneratorJob *job;
  int             last_percent;
  LkJobState      last_state;
} Progress;

static void
report_progress (Progress *progress)
{
  LkGeneratorJob *job = progress->job;
  LkJob *comfy_job = lk_generator_job_get_job (job);
  LkJobState state = lk_generator_job_get_state (job);
  int percent = comfy_job ? (int) floor (lk_job_get_progress (comfy_job) * 100) : 0;

  if (state == progress->last_state && (state != LK_JOB_RUNNING
                                        || percent < progress->last_percent + 10))
    return;

  progress->last_state = state;
  progress->last_percent = percent;
  if (state == LK_JOB_RUNNING)
    g_printerr (_("job %lld (%s): running, %d%%\n"), (long long) lk_generator_job_get_id (job),
                lk_generator_job_get_character_name (job), percent);
  else
    g_printerr (_("job %lld (%s): %s\n"), (long long) lk_generator_job_get_id (job),
                lk_generator_job_get_character_name (job), lk_job_state_to_string (state));
}

static void
progress_changed_cb (GObject    *object,
                     GParamSpec *pspec,
                     Progress   *progress)
{
  report_progress (progress);
}

static gboolean
all_finished (GPtrArray *jobs)
{
  for (guint i = 0; i < jobs->len; i++)
    if (!lk_generator_job_is_finished (g_ptr_array_index (jobs, i)))
      return FALSE;
  return TRUE;
}

static void
wait_for_jobs (GPtrArray *jobs)
{
  g_autofree Progress *progress = g_new0 (Progress, jobs->len);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      progress[i].job = job;
      progress[i].last_state = -1;
      progress[i].last_percent = -10;
      g_signal_connect (job, "notify::state", G_CALLBACK (progress_changed_cb), &progress[i]);
      if (lk_generator_job_get_job (job) != NULL)
        g_signal_connect (lk_generator_job_get_job (job), "notify::progress",
                          G_CALLBACK (progress_changed_cb), &progress[i]);
      report_progress (&progress[i]);
    }

  while (!all_finished (jobs))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      g_signal_handlers_disconnect_by_data (job, &progress[i]);
      if (lk_generator_job_get_job (job) != NULL)
        g_signal_handlers_disconnect_by_data (lk_generator_job_get_job (job), &progress[i]);
    }
}

static int
dry_run (LkCliContext            *ctx,
         LkGenerator             *generator,
         GPtrArray               *characters,
         const LkGenerateRequest *request)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_reports = 0;
  gboolean errors = FALSE;

  for (guint c = 0; c < characters->len; c++)
    {
      LkCharacter *character = g_ptr_array_index (characters, c);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      g_autoptr(GError) error = NULL;
      LkCliWait wait = LK_CLI_WAIT_INIT;

      lk_generator_prepare_async (generator, lk_character_get_id (character), request, NULL,
                                  lk_cli_wait_cb, &wait);
      result = lk_cli_wait_run (&wait);
      if (!(jobs = lk_generator_prepare_finish (generator, result, &error)))
        {
          if (characters->len == 1)
            return lk_cli_fail_generate (error);
          g_printerr ("lorakeet-cli: %s\n", error->message);
          errors = TRUE;
          continue;
        }

      for (guint i = 0; i < jobs->len; i++)
        {
          LkGeneratorJob *job = g_ptr_array_index (jobs, i);
          LkWorkflow *workflow = lk_generator_job_get_workflow (job);
          GListModel *checks = lk_generator_job_get_checks (job);
          g_autofree char *report = lk_preflight_report_to_string (workflow, checks, TRUE);

          errors |= lk_preflight_has_errors (checks);
          if (ctx->json)
            {
              g_string_append_printf (out, "%s%s", n_reports > 0 ? ",\n" : "", report);
              n_reports++;
              continue;
            }

          printf (_("%s, seed %llu, on %s:\n"), lk_character_get_name (character),
                  (unsigned long long) lk_generator_job_get_seed (job),
                  lk_generator_job_get_server_url (job) ? lk_generator_job_get_server_url (job)
                                                         : _("no server"));
          for (const char * const *change = lk_workflow_get_changes (workflow); *change; change++)
            printf ("  %s %s\n", _("change:"), *change);
          lk_cli_print_checks (ctx, checks, NULL, NULL);
        }
    }

  /* one report as it is; several as a list */
  if (ctx->json && n_reports == 1)
    printf ("%s\n", out->str);
  else if (ctx->json)
    printf ("[\n%s\n]\n", out->str);

  return errors ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;
}

int
lk_cli_generate (LkCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(GPtrArray) characters = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *output_dir = NULL;
  g_auto(GStrv) servers = NULL;
  gint64 seed = -1;
  gint64 project_id = 0;
  int count = 1;
  double strength = -1;
  gboolean no_triggers = FALSE, dry = FALSE, wait_jobs = FALSE, no_download = FALSE;
  gboolean any_failed = FALSE, all_succeeded = TRUE;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  LkGenerateRequest request;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_STRING, &project,
      N_("Every character of this project (name or id)"), "PROJECT" },
    { "prompt", 0, 0, G_OPTION_ARG_STRING, &prompt,
      N_("Positive text, after the LoRA's trigger words"), "TEXT" },
    { "negative", 0, 0, G_OPTION_ARG_STRING, &negative, N_("Negative text"), "TEXT" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The first seed (further variations count up); random by default"), "N" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      N_("Variations per character, each with its own seed (default 1)"), "N" },
    { "strength", 's', 0, G_OPTION_ARG_DOUBLE, &strength,
      N_("LoRA strength (default: the character's, else 0.8)"), "S" },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &servers,
      N_("A ComfyUI server (repeatable; default LORAKEET_COMFYUI, else "
         "http://127.0.0.1:8188)"), "URL" },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir,
      N_("ComfyUI's output folder, when this machine sees it (nothing is downloaded)"), "DIR" },
    { "no-download", 0, 0, G_OPTION_ARG_NONE, &no_download,
      N_("Give the outputs' URLs instead of downloading them"), NULL },
    { "no-triggers", 0, 0, G_OPTION_ARG_NONE, &no_triggers,
      N_("Leave the LoRA's trigger words out of the prompt"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry,
      N_("Print the edited workflow and its checks; submit nothing"), NULL },
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait_jobs,
      N_("Wait for the jobs, with progress on stderr"), NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "CHARACTER | --project PROJECT",
                             _("Generate a character, or every character of a project")))
    return LK_CLI_EXIT_USAGE;
  if ((argc == 2) == (project != NULL) || argc > 2 || count < 1 || count > 1000)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli generate CHARACTER|--project PROJECT [--prompt T] "
                            "[--negative T] [--seed N] [--count N] [--strength S] "
                            "[--server URL]… [--no-triggers] [--dry-run] [--wait] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }

  lk_generate_request_init (&request);
  request.prompt = prompt;
  request.negative_prompt = negative;
  request.count = (guint) count;
  request.strength = strength;
  if (seed >= 0)
    {
      request.seed_mode = LK_SEED_MODE_FIXED;
      request.seed = (guint64) seed;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(characters = find_characters (&session, argc == 2 ? argv[1] : NULL, project,
                                         &project_id, &error))
      || !(generator = lk_cli_generator_new (&session, (const char * const *) servers, &error)))
    return lk_cli_fail_generate (error);

  lk_generator_set_use_trigger_words (generator, !no_triggers);
  lk_generator_set_output_dir (generator, output_dir);
  lk_generator_set_download (generator, !no_download);

  if (dry)
    return dry_run (ctx, generator, characters, &request);

  if (project != NULL)
    lk_generator_generate_project_async (generator, project_id, &request, NULL, lk_cli_wait_cb,
                                         &wait);
  else
    lk_generator_generate_async (generator,
                                 lk_character_get_id (g_ptr_array_index (characters, 0)),
                                 &request, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(jobs = lk_generator_generate_finish (generator, result, &error)))
    return lk_cli_fail_generate (error);

  if (wait_jobs)
    wait_for_jobs (jobs);

  {
    g_autoptr(GAsyncResult) flushed = NULL;
    LkCliWait flush = LK_CLI_WAIT_INIT;

    lk_generator_flush_async (generator, NULL, lk_cli_wait_cb, &flush);
    flushed = lk_cli_wait_run (&flush);
    lk_generator_flush_finish (generator, flushed, NULL);
  }

  for (guint i = 0; i < jobs->len; i++)
    {
      LkJobState state = lk_generator_job_get_state (g_ptr_array_index (jobs, i));

      any_failed |= state >= LK_JOB_FAILED;
      all_succeeded &= state == LK_JOB_SUCCEEDED;
    }

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "jobs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < jobs->len; i++)
        lk_cli_add_job_json (builder, g_ptr_array_index (jobs, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    for (guint i = 0; i < jobs->len; i++)
      lk_cli_print_job (g_ptr_array_index (jobs, i));

  if (wait_jobs)
    return all_succeeded ? LK_CLI_EXIT_OK : LK_CLI_EXIT_FAILED;
  return any_failed ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;
}

/* ---- check ---------------------------------------------------------------------------------- */

int
lk_cli_check (LkCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(GPtrArray) characters = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) servers = NULL;
  gboolean all = FALSE;
  guint errors = 0;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Check every character"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &servers,
      N_("The ComfyUI server to check against (default LORAKEET_COMFYUI, else "
         "http://127.0.0.1:8188)"), "URL" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "CHARACTER | --all",
                             _("Run the troubleshooting checks for characters")))
    return LK_CLI_EXIT_USAGE;
  if ((argc == 2) == all || argc > 2)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli check CHARACTER|--all [--server URL]"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(characters = find_characters (&session, all ? NULL : argv[1], NULL, NULL, &error))
      || !(generator = lk_cli_generator_new (&session, (const char * const *) servers, &error)))
    return lk_cli_fail_generate (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "characters");
  json_builder_begin_array (builder);

  for (guint i = 0; i < characters->len; i++)
    {
      LkCharacter *character = g_ptr_array_index (characters, i);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) checks = NULL;
      LkCliWait wait = LK_CLI_WAIT_INIT;
      guint n_errors, n_warnings = 0;

      lk_generator_check_async (generator, lk_character_get_id (character), NULL, NULL,
                                lk_cli_wait_cb, &wait);
      result = lk_cli_wait_run (&wait);
      if (!(checks = lk_generator_check_finish (generator, result, &error)))
        return lk_cli_fail_generate (error);

      if (ctx->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, lk_character_get_id (character));
          lk_cli_json_add_string (builder, "name", lk_character_get_name (character));
        }
      else
        printf ("%s%s\n", i > 0 ? "\n" : "", lk_character_get_name (character));

      n_errors = lk_cli_print_checks (ctx, checks, builder, &n_warnings);
      errors += n_errors;

      if (ctx->json)
        {
          json_builder_set_member_name (builder, "errors");
          json_builder_add_int_value (builder, n_errors);
          json_builder_set_member_name (builder, "warnings");
          json_builder_add_int_value (builder, n_warnings);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (ctx->json)
    lk_cli_print_builder (builder);

  return errors > 0 ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;
}
