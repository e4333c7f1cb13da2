/* fuzz-workflow.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Load → validate → edit → serialise, with the properties the engine promises checked on every
 * input: bad text fails with a workflow error and never crashes; what loads serialises to text
 * that loads again to the very same text; on a valid graph every edit either succeeds and
 * leaves a valid graph, or fails and leaves the graph as it was. The same bytes are also read
 * as a server's /object_info and, if that works, used for preflight.
 */

#include "config.h"

#include <string.h>

#include "lk-object-info.h"
#include "lk-preflight.h"
#include "lk-workflow.h"
#include "lk-workflow-recipe.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Criticals are broken promises: abort so that libFuzzer reports them. */
static void
log_handler (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_printerr ("%s: %s\n", log_domain ? log_domain : "", message);
      abort ();
    }
}

static void
assert_valid (LkWorkflow *workflow)
{
  g_autoptr(GPtrArray) problems = lk_workflow_validate (workflow);

  if (problems->len > 0)
    {
      g_printerr ("edit left the graph invalid: %s\n",
                  ((LkWorkflowProblem *) g_ptr_array_index (problems, 0))->message);
      abort ();
    }
}

static void
assert_round_trip (LkWorkflow *workflow)
{
  g_autofree char *text = lk_workflow_to_string (workflow, FALSE);
  g_autofree char *pretty = lk_workflow_to_string (workflow, TRUE);
  g_autoptr(LkWorkflow) again = NULL;
  g_autoptr(LkWorkflow) again_pretty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *text_pretty = NULL;

  again = lk_workflow_new_from_string (text, -1, &error);
  g_assert (again != NULL);
  again_pretty = lk_workflow_new_from_string (pretty, -1, &error);
  g_assert (again_pretty != NULL);

  text_again = lk_workflow_to_string (again, FALSE);
  text_pretty = lk_workflow_to_string (again_pretty, FALSE);
  g_assert (strcmp (text, text_again) == 0);
  g_assert (strcmp (text, text_pretty) == 0);
}

/* Runs edit number @edit on a copy of @workflow and checks all-or-nothing. */
static void
try_edit (LkWorkflow *workflow,
          guint       edit)
{
  static const char * const triggers[] = { "mei_v1", "mei", NULL };
  static const LkLoraSpec extra[] = { { "style.safetensors", 0.5, 0.25 } };
  g_autoptr(LkWorkflow) copy = lk_workflow_copy (workflow);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 25, 12, 0, 0);
  g_autofree char *before = lk_workflow_to_string (copy, FALSE);
  g_autofree char *added = NULL;
  g_autoptr(GError) error = NULL;
  LkWorkflowRecipe recipe;
  gboolean ok = FALSE;

  switch (edit)
    {
    case 0: ok = lk_workflow_set_lora (copy, NULL, "mei.safetensors", 0.8, 0.6, &error); break;
    case 1: ok = lk_workflow_bypass_lora (copy, NULL, &error); break;
    case 2: ok = (added = lk_workflow_add_lora (copy, "x.safetensors", 1.0, 1.0, &error)) != NULL; break;
    case 3: ok = lk_workflow_set_checkpoint (copy, "c.safetensors", &error); break;
    case 4: ok = lk_workflow_set_prompt (copy, LK_WORKFLOW_ROLE_POSITIVE, triggers, "p", TRUE, &error); break;
    case 5: ok = lk_workflow_set_prompt (copy, LK_WORKFLOW_ROLE_NEGATIVE, NULL, "n", FALSE, &error); break;
    case 6: ok = lk_workflow_set_seed (copy, 12345, &error); break;
    case 7: ok = lk_workflow_set_size (copy, 768, 512, &error); break;
    case 8: ok = lk_workflow_set_batch_size (copy, 2, &error); break;
    case 9: ok = lk_workflow_set_frame_count (copy, 24, &error); break;
    case 10:
      ok = lk_workflow_set_output_names (copy, "anime/{project}/{character}/anime_{kind}_{timestamp}",
                                         "Project", "Mei", when, &error);
      break;
    default:
      lk_workflow_recipe_init (&recipe);
      recipe.checkpoint = "c.safetensors";
      recipe.lora_name = edit == 11 ? "mei.safetensors" : NULL;
      recipe.trigger_words = triggers;
      recipe.extra_loras = extra;
      recipe.n_extra_loras = 1;
      recipe.prompt = "p";
      recipe.negative_prompt = "n";
      recipe.width = 512;
      recipe.height = 512;
      recipe.timestamp = when;
      ok = lk_workflow_apply_recipe (copy, &recipe, &error);
      break;
    }

  if (ok)
    {
      g_assert (error == NULL);
      assert_valid (copy);
      assert_round_trip (copy);
    }
  else
    {
      g_autofree char *after = lk_workflow_to_string (copy, FALSE);

      g_assert (error != NULL && error->domain == LK_WORKFLOW_ERROR);
      g_assert (strcmp (before, after) == 0);
      g_assert (lk_workflow_get_changes (copy)[0] == NULL);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialized;
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(LkObjectInfo) info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!initialized)
    {
      g_log_set_default_handler (log_handler, NULL);
      initialized = TRUE;
    }

  info = lk_object_info_new_from_string ((const char *) data, size, NULL);

  workflow = lk_workflow_new_from_string ((const char *) data, size, &error);
  if (workflow == NULL)
    {
      g_assert (error != NULL && error->domain == LK_WORKFLOW_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  problems = lk_workflow_validate (workflow);
  for (guint i = 0; i < problems->len; i++)
    g_assert (g_utf8_validate (((LkWorkflowProblem *) g_ptr_array_index (problems, i))->message, -1, NULL));
  assert_round_trip (workflow);

  for (LkWorkflowRole role = LK_WORKFLOW_ROLE_MODEL_LOADER; role <= LK_WORKFLOW_ROLE_OUTPUT; role++)
    {
      g_auto(GStrv) found = lk_workflow_find (workflow, role);

      for (guint i = 0; found[i] != NULL; i++)
        g_assert (lk_workflow_get_class_type (workflow, found[i]) != NULL);
    }

  if (problems->len == 0)
    for (guint edit = 0; edit < 13; edit++)
      try_edit (workflow, edit);

  {
    g_autoptr(LkPreflight) preflight = lk_preflight_new (info);
    g_autoptr(GListModel) checks = NULL;
    g_autofree char *report = NULL;

    lk_preflight_set_base_model (preflight, "mei.safetensors", "sdxl");
    checks = lk_preflight_run (preflight, workflow);
    g_assert (g_list_model_get_n_items (checks) > 0);
    report = lk_preflight_report_to_string (workflow, checks, FALSE);
    g_assert (g_utf8_validate (report, -1, NULL));
  }

  return 0;
}
