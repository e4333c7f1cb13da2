/* lk-cli-template.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Workflow templates: importing one (an API-format JSON file, or a PNG ComfyUI wrote, whose
 * `prompt` text chunk is the graph that made it) and checking one against a server. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lk-catalog-templates.h"
#include "lk-cli-generate.h"
#include "lk-cli-verbs.h"
#include "lk-png-info.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static gboolean
is_png (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 head[sizeof png_signature];
  gsize read = 0;

  return stream != NULL
         && g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &read, NULL, NULL)
         && read == sizeof head && memcmp (head, png_signature, sizeof head) == 0;
}

/* The workflow in @file: the file itself, or the `prompt` chunk of a ComfyUI PNG. */
static LkWorkflow *
load_workflow (GFile   *file,
               GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (is_png (file))
    {
      g_autoptr(LkPngInfo) info = NULL;
      const char *prompt;

      lk_png_info_load_async (file, NULL, lk_cli_wait_cb, &wait);
      result = lk_cli_wait_run (&wait);
      if (!(info = lk_png_info_load_finish (result, error)))
        return NULL;

      if ((prompt = lk_png_info_get_text (info, "prompt")) != NULL)
        return lk_workflow_new_from_string (prompt, -1, error);

      if (lk_png_info_get_text (info, "workflow") != NULL)
        g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_UI_FORMAT,
                             _("This PNG holds only ComfyUI's editor workflow, not the graph it "
                               "ran. Open it in ComfyUI and export it with “Save (API Format)” "
                               "instead."));
      else
        g_set_error_literal (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_A_GRAPH,
                             _("This PNG holds no ComfyUI workflow: it has no “prompt” text "
                               "chunk (it was not saved by ComfyUI, or its metadata was "
                               "removed)."));
      return NULL;
    }

  lk_workflow_new_from_file_async (file, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  return lk_workflow_new_from_file_finish (result, error);
}

static void
add_template_json (JsonBuilder *builder,
                   LkTemplate  *template,
                   guint        n_nodes)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, lk_template_get_id (template));
  lk_cli_json_add_string (builder, "name", lk_template_get_name (template));
  lk_cli_json_add_string (builder, "kind", lk_template_get_kind (template));
  lk_cli_json_add_string (builder, "lora_loader_node", lk_template_get_lora_loader_node (template));
  lk_cli_json_add_string (builder, "problem", lk_template_get_problem (template));
  json_builder_set_member_name (builder, "nodes");
  json_builder_add_int_value (builder, n_nodes);
}

static int
template_import (LkCliContext *ctx,
                 const char   *path,
                 const char   *name,
                 gboolean      replace)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  /* checked before anything is stored */
  if (!(workflow = load_workflow (file, &error)))
    {
      g_printerr (_("lorakeet-cli: %s cannot be imported: %s\n"), path, error->message);
      return LK_CLI_EXIT_FAILED;
    }

  problems = lk_workflow_validate (workflow);
  if (problems->len > 0)
    {
      g_printerr (_("lorakeet-cli: %s cannot be imported:\n"), path);
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", ((LkWorkflowProblem *) g_ptr_array_index (problems, i))->message);
      return LK_CLI_EXIT_FAILED;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  json = lk_workflow_to_string (workflow, FALSE);
  lk_catalog_add_template_async (session.catalog, name, json, replace, NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(template = lk_catalog_add_template_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_template_json (builder, template, lk_workflow_get_n_nodes (workflow));
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    {
      printf (_("Imported template “%s” (id %lld): %s, %u nodes"),
              lk_template_get_name (template), (long long) lk_template_get_id (template),
              lk_template_get_kind (template), lk_workflow_get_n_nodes (workflow));
      if (lk_template_get_lora_loader_node (template) != NULL)
        printf (_(", LoraLoader at node %s"), lk_template_get_lora_loader_node (template));
      printf (".\n");
      if (lk_template_get_problem (template) != NULL)
        printf (_("Warning: %s\n"), lk_template_get_problem (template));
    }

  return LK_CLI_EXIT_OK;
}

static int
template_check (LkCliContext        *ctx,
                const char          *name,
                const char * const  *servers)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkGenerator) generator = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) checked = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  LkCliWait find_wait = LK_CLI_WAIT_INIT;
  LkCliWait check_wait = LK_CLI_WAIT_INIT;
  guint errors;

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  lk_catalog_find_template_async (session.catalog, name, NULL, lk_cli_wait_cb, &find_wait);
  found = lk_cli_wait_run (&find_wait);
  if (!(template = lk_catalog_find_template_finish (session.catalog, found, &error))
      || !(generator = lk_cli_generator_new (&session, servers, &error)))
    return lk_cli_fail_generate (error);

  lk_generator_check_template_async (generator, lk_template_get_workflow_json (template), NULL,
                                     NULL, lk_cli_wait_cb, &check_wait);
  checked = lk_cli_wait_run (&check_wait);
  if (!(checks = lk_generator_check_template_finish (generator, checked, &error)))
    {
      g_printerr (_("lorakeet-cli: template “%s” is not a usable workflow: %s\n"),
                  lk_template_get_name (template), error->message);
      return LK_CLI_EXIT_FAILED;
    }

  workflow = lk_workflow_new_from_string (lk_template_get_workflow_json (template), -1, NULL);
  if (ctx->json)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "template");
      json_builder_begin_object (builder);
      add_template_json (builder, template, workflow ? lk_workflow_get_n_nodes (workflow) : 0);
      json_builder_end_object (builder);
    }
  else
    printf (_("Template “%s” (id %lld, %s)\n"), lk_template_get_name (template),
            (long long) lk_template_get_id (template), lk_template_get_kind (template));

  errors = lk_cli_print_checks (ctx, checks, builder, NULL);

  if (ctx->json)
    {
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }

  return errors > 0 ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;
}

int
lk_cli_template (LkCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) servers = NULL;
  gboolean replace = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The imported template's name"), "NAME" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Give an existing template of that name the new workflow"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &servers,
      N_("The ComfyUI server to check against (default LORAKEET_COMFYUI, else "
         "http://127.0.0.1:8188)"), "URL" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "import FILE --name NAME | check NAME",
                             _("Import a workflow template, or check one against a server")))
    return LK_CLI_EXIT_USAGE;

  if (argc == 3 && g_str_equal (argv[1], "import") && name != NULL && *name != '\0')
    return template_import (ctx, argv[2], name, replace);
  if (argc == 3 && g_str_equal (argv[1], "check"))
    return template_check (ctx, argv[2], (const char * const *) servers);

  g_printerr ("%s\n", _("Usage: lorakeet-cli template import FILE --name NAME [--replace]\n"
                        "       lorakeet-cli template check NAME [--server URL]"));
  return LK_CLI_EXIT_USAGE;
}
