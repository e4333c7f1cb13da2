/* lk-cli-validate.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lorakeet-cli validate CHARACTER`: the character's LoRA generated over fixed seeds ×
 * strengths and composed into one contact sheet, recorded for review. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-cli-generate.h"
#include "lk-cli-verbs.h"
#include "lk-number-list.h"
#include "lk-validation-grid.h"

int
lk_cli_validate (LkCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkValidationGrid) grid = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) strengths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *seeds_text = NULL;
  g_autofree char *strengths_text = NULL;
  g_autofree char *server = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *prompt = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  GPtrArray *jobs;
  guint n_succeeded = 0;
  const GOptionEntry entries[] = {
    { "seeds", 0, 0, G_OPTION_ARG_STRING, &seeds_text,
      N_("The seeds, one column each (default 1,2,3)"), "N,N,…" },
    { "strengths", 0, 0, G_OPTION_ARG_STRING, &strengths_text,
      N_("The LoRA strengths, one row each (default 0.6,0.8,1.0)"), "S,S,…" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The ComfyUI server (default LORAKEET_COMFYUI, else http://127.0.0.1:8188)"), "URL" },
    { "prompt", 0, 0, G_OPTION_ARG_STRING, &prompt,
      N_("Positive text for every frame, after the LoRA's trigger words"), "TEXT" },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir,
      N_("ComfyUI's output folder, when this machine sees it (nothing is downloaded)"), "DIR" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "CHARACTER",
                             _("Generate a LoRA’s validation grid over seeds and strengths")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli validate CHARACTER [--seeds 1,2,3] "
                            "[--strengths 0.6,0.8,1.0] [--server URL] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }
  if ((seeds_text != NULL && !lk_number_list_parse_seeds (seeds_text, seeds, &error))
      || (strengths_text != NULL
          && !lk_number_list_parse_strengths (strengths_text, strengths, &error)))
    {
      lk_cli_print_error (error);
      return LK_CLI_EXIT_USAGE;
    }

  {
    const char *servers[] = { server, NULL };

    if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
        || !(character = lk_cli_find_character (&session, argv[1], &error))
        || !(generator = lk_cli_generator_new (&session, server ? servers : NULL, &error)))
      return lk_cli_fail_generate (error);
  }
  lk_generator_set_output_dir (generator, output_dir);

  grid = lk_validation_grid_new (generator, lk_character_get_id (character));
  if (seeds->len > 0)
    lk_validation_grid_set_seeds (grid, (const guint64 *)(gpointer)seeds->data, seeds->len);
  if (strengths->len > 0)
    lk_validation_grid_set_strengths (grid, (const double *)(gpointer)strengths->data,
                                      strengths->len);
  lk_validation_grid_set_server_url (grid, server);
  lk_validation_grid_set_prompt (grid, prompt);

  g_printerr (_("Generating the validation grid of %s…\n"), lk_character_get_name (character));
  lk_validation_grid_run_async (grid, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_validation_grid_run_finish (grid, result, &error))
    return lk_cli_fail_generate (error);

  jobs = lk_validation_grid_get_jobs (grid);
  for (guint i = 0; i < jobs->len; i++)
    n_succeeded += lk_generator_job_get_state (g_ptr_array_index (jobs, i)) == LK_JOB_SUCCEEDED;

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "character", lk_character_get_name (character));
      lk_cli_json_add_string (builder, "sheet", lk_validation_grid_get_sheet_path (grid));
      lk_cli_json_add_string (builder, "content_hash",
                              lk_validation_grid_get_content_hash (grid));
      json_builder_set_member_name (builder, "jobs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < jobs->len; i++)
        lk_cli_add_job_json (builder, g_ptr_array_index (jobs, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    {
      for (guint i = 0; i < jobs->len; i++)
        lk_cli_print_job (g_ptr_array_index (jobs, i));
      printf (_("Sheet: %s\n"), lk_validation_grid_get_sheet_path (grid));
      printf (_("Review it with: lorakeet-cli review %s --approve\n"),
              lk_validation_grid_get_sheet_path (grid));
    }

  return n_succeeded == jobs->len ? LK_CLI_EXIT_OK : LK_CLI_EXIT_FAILED;
}
