/* lk-test-workflow.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the workflow tests: fixtures from tests/data/workflows and assertions on
 * inputs, validity and changes. */

#include "config.h"

#include "lk-json-writer.h"
#include "lk-test-workflow.h"

char *
lk_test_read_workflow (const char *name,
                       gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "workflows", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

LkWorkflow *
lk_test_load_workflow (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LkWorkflow *workflow;
  gsize length;

  contents = lk_test_read_workflow (name, &length);
  workflow = lk_workflow_new_from_string (contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workflow);
  return workflow;
}

void
lk_test_assert_valid (LkWorkflow *workflow)
{
  g_autoptr(GPtrArray) problems = lk_workflow_validate (workflow);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((LkWorkflowProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Asserts @workflow is exactly as @before and has no changes: a failed edit left nothing. */
void
lk_test_assert_unchanged (LkWorkflow *workflow,
                          const char *before)
{
  g_autofree char *after = lk_workflow_to_string (workflow, FALSE);

  g_assert_cmpstr (after, ==, before);
  g_assert_null (lk_workflow_get_changes (workflow)[0]);
  lk_test_assert_valid (workflow);
}

/* An input as compact JSON: `["4",0]`, `"text"`, `0.8`; `(none)` if it is missing. */
char *
lk_test_input_json (LkWorkflow *workflow,
                    const char *node_id,
                    const char *input)
{
  JsonNode *value = lk_workflow_get_input (workflow, node_id, input);

  if (value == NULL)
    return g_strdup ("(none)");

  return lk_json_to_string (value, LK_JSON_WRITE_COMPACT);
}

void
lk_test_assert_input (LkWorkflow *workflow,
                      const char *node_id,
                      const char *input,
                      const char *expected)
{
  g_autofree char *json = lk_test_input_json (workflow, node_id, input);

  g_assert_cmpstr (json, ==, expected);
}

const char *
lk_test_input_string (LkWorkflow *workflow,
                      const char *node_id,
                      const char *input)
{
  JsonNode *value = lk_workflow_get_input (workflow, node_id, input);

  g_assert_nonnull (value);
  return json_node_get_string (value);
}

char *
lk_test_changes_joined (LkWorkflow *workflow)
{
  return g_strjoinv ("\n", (char **) lk_workflow_get_changes (workflow));
}

GDateTime *
lk_test_fixed_time (void)
{
  return g_date_time_new_utc (2026, 1, 25, 12, 0, 0);
}
