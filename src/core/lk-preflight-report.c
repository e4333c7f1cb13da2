/* lk-preflight-report.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What preflight hands on: whether anything failed, and the `{"workflow", "changes",
 * "checks"}` report that `lorakeet-cli generate --dry-run --json` prints and a job keeps. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-preflight-report"

#include "config.h"

#include "lk-json-writer.h"
#include "lk-preflight.h"

/**
 * lk_preflight_has_errors:
 * @checks: a #GListModel of #LkCheck
 *
 * Returns: whether any check failed with %LK_CHECK_LEVEL_ERROR
 */
gboolean
lk_preflight_has_errors (GListModel *checks)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (checks), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      if (lk_check_get_level (check) == LK_CHECK_LEVEL_ERROR)
        return TRUE;
    }

  return FALSE;
}

/**
 * lk_preflight_checks_to_json:
 * @checks: (nullable): a #GListModel of #LkCheck
 *
 * Returns: (transfer full): a JSON array of the checks (see lk_check_to_json())
 */
JsonNode *
lk_preflight_checks_to_json (GListModel *checks)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  g_return_val_if_fail (!checks || G_IS_LIST_MODEL (checks), NULL);

  for (guint i = 0; checks != NULL && i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      json_array_add_element (array, lk_check_to_json (check));
    }

  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

static JsonNode *
changes_to_json (LkWorkflow *workflow)
{
  const char * const *changes = lk_workflow_get_changes (workflow);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  for (guint i = 0; changes[i] != NULL; i++)
    json_array_add_string_element (array, changes[i]);

  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

/**
 * lk_preflight_report_to_json:
 * @workflow: the edited workflow
 * @checks: (nullable): its preflight checks
 *
 * Builds what `generate --dry-run --json` prints: `{"workflow": …, "changes": […],
 * "checks": […]}`.
 *
 * Returns: (transfer full): the report
 */
JsonNode *
lk_preflight_report_to_json (LkWorkflow *workflow,
                             GListModel *checks)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (LK_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (!checks || G_IS_LIST_MODEL (checks), NULL);

  object = json_object_new ();
  json_object_set_member (object, "workflow", lk_workflow_dup_root (workflow));
  json_object_set_member (object, "changes", changes_to_json (workflow));
  json_object_set_member (object, "checks", lk_preflight_checks_to_json (checks));

  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

/**
 * lk_preflight_report_to_string:
 * @workflow: the edited workflow
 * @checks: (nullable): its preflight checks
 * @pretty: whether to indent
 *
 * Like lk_preflight_report_to_json(), as deterministic JSON text.
 *
 * Returns: (transfer full): the report
 */
char *
lk_preflight_report_to_string (LkWorkflow *workflow,
                               GListModel *checks,
                               gboolean    pretty)
{
  g_autoptr(JsonNode) report = NULL;

  g_return_val_if_fail (LK_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (!checks || G_IS_LIST_MODEL (checks), NULL);

  report = lk_preflight_report_to_json (workflow, checks);
  return lk_json_to_string (report, pretty ? LK_JSON_WRITE_PRETTY : LK_JSON_WRITE_COMPACT);
}
