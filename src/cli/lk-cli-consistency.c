/* lk-cli-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `lorakeet-cli consistency CHARACTER`: recomputes the character's signature and the score of
 * every frame it was generated in, then prints the review queue, outliers first. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-catalog-consistency.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"

static void
print_record (const LkConsistencyRecord *record)
{
  g_autofree char *file = record->filename == NULL ? g_strdup ("—")
                          : record->subfolder && *record->subfolder
                          ? g_build_filename (record->subfolder, record->filename, NULL)
                          : g_strdup (record->filename);

  printf ("%7.3f %9.1f %6u  %s\n", record->score.score, record->score.palette_distance,
          record->score.hash_distance, file);
}

static void
add_record (JsonBuilder               *builder,
            const LkConsistencyRecord *record)
{
  json_builder_begin_object (builder);
  lk_cli_json_add_string (builder, "content_hash", record->content_hash);
  json_builder_set_member_name (builder, "output_id");
  if (record->output_id > 0)
    json_builder_add_int_value (builder, record->output_id);
  else
    json_builder_add_null_value (builder);
  lk_cli_json_add_string (builder, "file", record->filename);
  lk_cli_json_add_string (builder, "subfolder", record->subfolder);
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, record->score.score);
  json_builder_set_member_name (builder, "palette_distance");
  json_builder_add_double_value (builder, record->score.palette_distance);
  json_builder_set_member_name (builder, "hash_distance");
  json_builder_add_int_value (builder, record->score.hash_distance);
  json_builder_set_member_name (builder, "references");
  json_builder_add_int_value (builder, record->score.n_references);
  json_builder_end_object (builder);
}

int
lk_cli_consistency (LkCliContext  *ctx,
                    int            argc,
                    char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkConsistencyReport) report = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *download_dir = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  const GOptionEntry entries[] = {
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir,
      N_("ComfyUI’s output folder, when this machine sees it"), "DIR" },
    { "download-dir", 0, 0, G_OPTION_ARG_FILENAME, &download_dir,
      N_("Where outputs were downloaded (default: Lorakeet’s cache)"), "DIR" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "CHARACTER",
                             _("Score a character’s frames against its references, outliers "
                               "first")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli consistency CHARACTER [--output-dir DIR] "
                            "[--download-dir DIR] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, argv[1], &error)))
    return lk_cli_fail (error);

  lk_consistency_refresh_async (session.catalog, lk_character_get_id (character), output_dir,
                                download_dir, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(report = lk_consistency_refresh_finish (result, &error)))
    return lk_cli_fail (error);

  /* Skipped files are worth knowing, but they are not the answer: stderr. */
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("%s %s\n", _("Skipped:"), (const char *)g_ptr_array_index (report->problems, i));

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "character", lk_character_get_name (character));
      json_builder_set_member_name (builder, "references");
      json_builder_add_int_value (builder, report->n_references);
      json_builder_set_member_name (builder, "scored");
      json_builder_add_int_value (builder, report->n_scored);
      json_builder_set_member_name (builder, "skipped");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (report->problems, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "queue");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->outliers->len; i++)
        add_record (builder, g_ptr_array_index (report->outliers, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
      return LK_CLI_EXIT_OK;
    }

  printf (_("%s: %u frames scored against %u references; %u awaiting review, outliers "
            "first.\n"), lk_character_get_name (character), report->n_scored,
          report->n_references, report->outliers->len);
  if (report->outliers->len > 0)
    printf ("%7s %9s %6s  %s\n", _("score"), _("palette"), _("hash"), _("file"));
  for (guint i = 0; i < report->outliers->len; i++)
    print_record (g_ptr_array_index (report->outliers, i));

  return LK_CLI_EXIT_OK;
}
