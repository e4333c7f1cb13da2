/* lk-cli-catalog-characters.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"
#include "lk-trigger-set.h"

static const char *
model_file (LkModel *model)
{
  return lk_model_get_model_path (model) ? lk_model_get_model_path (model)
                                         : lk_model_get_file_path (model);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Strengths are stored as `real`: print 0.8, not 0.800000011920929. */
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder,
                                 g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.6g", value),
                                                 NULL));
}

/* characters ----------------------------------------------------------------------------- */

static gboolean
project_matches (LkCharacter *character,
                 const char  *project)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         lk_character_get_project_id (character));
  const char *name = lk_character_get_project_name (character);

  return g_str_equal (id, project) || (name != NULL && g_ascii_strcasecmp (name, project) == 0);
}

int
lk_cli_characters (LkCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *project = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  guint shown = 0;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_STRING, &project, N_("Only this project (name or id)"),
      "PROJECT" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "",
                             _("List the characters with their project, profile and LoRA")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli characters [--project PROJECT]"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  lk_catalog_list_characters_async (session.catalog, 0, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(characters = lk_catalog_list_characters_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (characters); i++)
    {
      g_autoptr(LkCharacter) c = g_list_model_get_item (characters, i);

      if (project != NULL && !project_matches (c, project))
        continue;
      shown++;

      if (!ctx->json)
        {
          g_autofree char *lora = NULL;

          if (lk_character_get_has_lora (c))
            lora = g_strdup_printf ("%s (%.2g/%.2g)", lk_character_get_lora_name (c),
                                    lk_character_get_strength_model (c),
                                    lk_character_get_strength_clip (c));
          printf ("%-6" G_GINT64_FORMAT " %-24s %-26s %-20s %s\n", lk_character_get_id (c),
                  lk_character_get_name (c),
                  lk_character_get_project_name (c) ? lk_character_get_project_name (c) : "—",
                  lk_character_get_profile_name (c) ? lk_character_get_profile_name (c) : "—",
                  lora ? lora : _("no LoRA (base model only)"));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, lk_character_get_id (c));
      lk_cli_json_add_string (builder, "name", lk_character_get_name (c));
      lk_cli_json_add_string (builder, "project", lk_character_get_project_name (c));
      lk_cli_json_add_string (builder, "profile", lk_character_get_profile_name (c));
      json_builder_set_member_name (builder, "lora");
      if (lk_character_get_has_lora (c))
        {
          json_builder_begin_object (builder);
          lk_cli_json_add_string (builder, "name", lk_character_get_lora_name (c));
          lk_cli_json_add_string (builder, "file", lk_character_get_lora_file (c));
          add_double (builder, "strength_model", lk_character_get_strength_model (c));
          add_double (builder, "strength_clip", lk_character_get_strength_clip (c));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (ctx->json)
    lk_cli_print_builder (builder);

  if (project != NULL && shown == 0)
    {
      g_printerr (_("lorakeet-cli: no characters in a project “%s”.\n"), project);
      return LK_CLI_EXIT_FAILED;
    }

  return LK_CLI_EXIT_OK;
}

/* inspect -------------------------------------------------------------------------------- */

static void
add_model (JsonBuilder *builder,
           const char  *name,
           LkModel     *model)
{
  json_builder_set_member_name (builder, name);
  if (model == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, lk_model_get_id (model));
  lk_cli_json_add_string (builder, "name", lk_model_get_name (model));
  lk_cli_json_add_string (builder, "file", model_file (model));
  lk_cli_json_add_string (builder, "file_path", lk_model_get_file_path (model));
  lk_cli_json_add_string (builder, "base_model", lk_model_get_base_model (model));
  lk_cli_json_add_string (builder, "sha256", lk_model_get_sha256 (model));
}

static void
print_resolution (LkCliContext *ctx,
                  LkResolution *resolution)
{
  LkCharacter *character = lk_resolution_get_character (resolution);
  LkProject *project = lk_resolution_get_project (resolution);
  LkProfile *profile = lk_resolution_get_profile (resolution);
  LkModel *checkpoint = lk_resolution_get_checkpoint (resolution);
  LkTemplate *template = lk_resolution_get_template (resolution);
  LkModel *lora = lk_resolution_get_lora (resolution);
  GListModel *sets = lk_resolution_get_trigger_sets (resolution);
  const char * const *warnings = lk_resolution_get_warnings (resolution);
  g_autoptr(LkTriggerSet) base = g_list_model_get_n_items (sets) ? g_list_model_get_item (sets, 0)
                                                                  : NULL;
  const char * const *base_words = base ? lk_trigger_set_get_words (base) : NULL;

  if (!ctx->json)
    {
      /* gettext cannot see through G_GINT64_FORMAT, so numbers are passed as long long. */
      printf (_("Character:  %s (id %lld)\n"), lk_character_get_name (character),
              (long long)lk_character_get_id (character));
      printf (_("Project:    %s\n"), project ? lk_project_get_name (project) : "—");
      printf (_("Profile:    %s\n"), profile ? lk_profile_get_name (profile) : "—");
      printf (_("Checkpoint: %s\n"), checkpoint ? model_file (checkpoint) : "—");
      printf (_("Template:   %s%s\n"), template ? lk_template_get_name (template) : "—",
              template && g_str_equal (lk_template_get_kind (template), "video")
              ? _(" (video)") : "");
      if (lora != NULL)
        {
          g_autofree char *words = base_words ? g_strjoinv (", ", (char **)base_words) : NULL;

          printf (_("LoRA:       %s (%s) at %.2g / %.2g\n"), lk_model_get_name (lora),
                  model_file (lora), lk_resolution_get_strength_model (resolution),
                  lk_resolution_get_strength_clip (resolution));
          if (words && *words)
            printf (_("Triggers:   %s\n"), words);
        }
      else
        printf ("%s\n", _("LoRA:       none — the base model only"));
      for (guint i = 0; warnings && warnings[i]; i++)
        printf (_("Warning:    %s\n"), warnings[i]);
      return;
    }

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "character");
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "id");
    json_builder_add_int_value (builder, lk_character_get_id (character));
    lk_cli_json_add_string (builder, "name", lk_character_get_name (character));
    lk_cli_json_add_string (builder, "description", lk_character_get_description (character));
    json_builder_end_object (builder);

    json_builder_set_member_name (builder, "project");
    if (project)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, lk_project_get_id (project));
        lk_cli_json_add_string (builder, "name", lk_project_get_name (project));
        json_builder_end_object (builder);
      }
    else
      json_builder_add_null_value (builder);

    json_builder_set_member_name (builder, "profile");
    if (profile)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, lk_profile_get_id (profile));
        lk_cli_json_add_string (builder, "name", lk_profile_get_name (profile));
        json_builder_end_object (builder);
      }
    else
      json_builder_add_null_value (builder);

    add_model (builder, "checkpoint", checkpoint);
    if (checkpoint)
      json_builder_end_object (builder);

    json_builder_set_member_name (builder, "template");
    if (template)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, lk_template_get_id (template));
        lk_cli_json_add_string (builder, "name", lk_template_get_name (template));
        lk_cli_json_add_string (builder, "kind", lk_template_get_kind (template));
        lk_cli_json_add_string (builder, "lora_loader_node",
                                lk_template_get_lora_loader_node (template));
        lk_cli_json_add_string (builder, "problem", lk_template_get_problem (template));
        json_builder_end_object (builder);
      }
    else
      json_builder_add_null_value (builder);

    add_model (builder, "lora", lora);
    if (lora)
      {
        add_double (builder, "strength_model", lk_resolution_get_strength_model (resolution));
        add_double (builder, "strength_clip", lk_resolution_get_strength_clip (resolution));
        lk_cli_json_add_strv (builder, "trigger_words", base_words);
        lk_cli_json_add_string (builder, "lineage", lk_model_get_lineage_name (lora));
        json_builder_set_member_name (builder, "epoch");
        json_builder_add_int_value (builder, lk_model_get_epoch (lora));
        json_builder_set_member_name (builder, "trigger_sets");
        json_builder_begin_array (builder);
        for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
          {
            g_autoptr(LkTriggerSet) set = g_list_model_get_item (sets, i);

            json_builder_begin_object (builder);
            lk_cli_json_add_string (builder, "name", lk_trigger_set_get_name (set));
            lk_cli_json_add_strv (builder, "words", lk_trigger_set_get_words (set));
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_end_object (builder);
      }

    lk_cli_json_add_strv (builder, "warnings", warnings);
    json_builder_end_object (builder);
    lk_cli_print_builder (builder);
  }
}

int
lk_cli_inspect (LkCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (!lk_cli_parse_options (ctx, &argc, &argv, NULL, "CHARACTER",
                             _("Show what a character is generated with")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli inspect CHARACTER (a name or an id)"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, argv[1], &error)))
    return lk_cli_fail (error);

  lk_catalog_resolve_async (session.catalog, lk_character_get_id (character), NULL,
                            lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(resolution = lk_catalog_resolve_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  print_resolution (ctx, resolution);
  return LK_CLI_EXIT_OK;
}

/* lora ----------------------------------------------------------------------------------- */

static int
lora_assign (LkCliContext  *ctx,
             const char    *who,
             const char    *character_name,
             const char    *lora,
             double         strength_model,
             double         strength_clip)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, character_name, &error)))
    return lk_cli_fail (error);

  lk_catalog_assign_lora_async (session.catalog, lk_character_get_id (character), lora,
                                strength_model, strength_clip, who, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(resolution = lk_catalog_assign_lora_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  print_resolution (ctx, resolution);
  return LK_CLI_EXIT_OK;
}

static int
lora_scan (LkCliContext *ctx,
           const char   *folder)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (folder);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  LkCliWait wait = LK_CLI_WAIT_INIT;
  guint failed = 0;

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  lk_catalog_scan_loras_async (session.catalog, dir, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(entries = lk_catalog_scan_loras_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      LkScanEntry *e = g_ptr_array_index (entries, i);
      const char *outcome = e->outcome == LK_SCAN_OUTCOME_ADDED ? "added"
                            : e->outcome == LK_SCAN_OUTCOME_UPDATED ? "updated" : "failed";

      failed += e->outcome == LK_SCAN_OUTCOME_FAILED;
      if (!ctx->json)
        {
          if (e->outcome == LK_SCAN_OUTCOME_FAILED)
            printf ("%-8s %s: %s\n", outcome, e->path, e->message);
          else
            printf ("%-8s %-28s %-5s %.12s  %s\n", outcome, e->name,
                    e->base_model ? e->base_model : "?", e->sha256 ? e->sha256 : "", e->path);
          continue;
        }

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "path", e->path);
      lk_cli_json_add_string (builder, "outcome", outcome);
      json_builder_set_member_name (builder, "model_id");
      if (e->model_id > 0)
        json_builder_add_int_value (builder, e->model_id);
      else
        json_builder_add_null_value (builder);
      lk_cli_json_add_string (builder, "name", e->name);
      lk_cli_json_add_string (builder, "lineage", e->lineage);
      lk_cli_json_add_string (builder, "base_model", e->base_model);
      lk_cli_json_add_string (builder, "sha256", e->sha256);
      lk_cli_json_add_string (builder, "error", e->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (ctx->json)
    lk_cli_print_builder (builder);
  else if (entries->len == 0)
    printf (_("No .safetensors files in %s.\n"), folder);

  return failed > 0 ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;
}

int
lk_cli_lora (LkCliContext  *ctx,
             int            argc,
             char         **argv)
{
  double strength = 0.8;
  double strength_clip = -100;
  g_autofree char *who = NULL;
  const GOptionEntry entries[] = {
    { "strength", 's', 0, G_OPTION_ARG_DOUBLE, &strength,
      N_("LoRA strength on the model, and on CLIP unless --strength-clip (default 0.8)"), "S" },
    { "strength-clip", 0, 0, G_OPTION_ARG_DOUBLE, &strength_clip,
      N_("LoRA strength on CLIP"), "S" },
    { "who", 0, 0, G_OPTION_ARG_STRING, &who, N_("Who makes the change (default: your user name)"),
      "NAME" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "assign CHARACTER LORA | scan FOLDER",
                             _("Assign a LoRA to a character, or register a LoRA folder")))
    return LK_CLI_EXIT_USAGE;

  if (argc == 4 && g_str_equal (argv[1], "assign"))
    return lora_assign (ctx, who, argv[2], argv[3], strength,
                        strength_clip == -100 ? strength : strength_clip);
  if (argc == 3 && g_str_equal (argv[1], "scan"))
    return lora_scan (ctx, argv[2]);

  g_printerr ("%s\n", _("Usage: lorakeet-cli lora assign CHARACTER LORA [--strength S]\n"
                        "       lorakeet-cli lora scan FOLDER"));
  return LK_CLI_EXIT_USAGE;
}
