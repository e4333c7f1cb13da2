/* test-workflow.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lk-json-parser.h"
#include "lk-test-workflow.h"

static const char * const good_templates[] = {
  "sd15-txt2img.json",
  "sd15-no-lora.json",
  "sdxl-base-refiner.json",
  "animatediff-vhs.json",
  "two-loras.json",
  "lora-model-only.json",
  "ksampler-advanced.json",
  "prompt-from-link.json",
};

static GError *
load_fixture_error (const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(LkWorkflow) workflow = NULL;
  GError *error = NULL;
  gsize length;

  contents = lk_test_read_workflow (name, &length);
  workflow = lk_workflow_new_from_string (contents, length, &error);
  g_assert_null (workflow);
  g_assert_nonnull (error);
  return error;
}

/* Node ids of a role, joined with spaces, for compact assertions. */
static char *
find_joined (LkWorkflow     *workflow,
             LkWorkflowRole  role)
{
  g_auto(GStrv) ids = lk_workflow_find (workflow, role);

  return g_strjoinv (" ", ids);
}

static void
assert_role (LkWorkflow     *workflow,
             LkWorkflowRole  role,
             const char     *expected)
{
  g_autofree char *found = find_joined (workflow, role);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_load_realistic_templates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_templates); i++)
    {
      g_autoptr(LkWorkflow) workflow = lk_test_load_workflow (good_templates[i]);
      g_autoptr(LkWorkflow) again = NULL;
      g_autoptr(GPtrArray) problems = lk_workflow_validate (workflow);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = lk_workflow_to_string (workflow, FALSE);
      g_autofree char *pretty = lk_workflow_to_string (workflow, TRUE);
      g_autofree char *text_again = NULL;
      g_autofree char *pretty_again = NULL;

      g_test_message ("%s", good_templates[i]);
      for (guint p = 0; p < problems->len; p++)
        g_test_message ("  %s", ((LkWorkflowProblem *) g_ptr_array_index (problems, p))->message);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_true (lk_workflow_check (workflow, &error));
      g_assert_no_error (error);

      /* Saving and reading back gives the same text, compact or pretty. */
      again = lk_workflow_new_from_string (pretty, -1, &error);
      g_assert_no_error (error);
      text_again = lk_workflow_to_string (again, FALSE);
      pretty_again = lk_workflow_to_string (again, TRUE);
      g_assert_cmpstr (text, ==, text_again);
      g_assert_cmpstr (pretty, ==, pretty_again);
      g_assert_cmpuint (lk_workflow_get_n_nodes (again), ==, lk_workflow_get_n_nodes (workflow));
    }
}

static void
test_load_ui_format_refused (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-ui-format.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_UI_FORMAT);
  g_assert_nonnull (strstr (error->message, "Save (API Format)"));
}

static void
test_load_truncated (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-truncated.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "cut off"));
}

static void
test_load_not_json (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-not-json.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "line 1, column 1"));
}

static void
test_load_not_utf8 (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-not-utf8.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_UTF8);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_load_duplicate_keys (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-duplicate-keys.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_DUPLICATE_KEY);
  g_assert_nonnull (strstr (error->message, "“seed”"));
  g_assert_nonnull (strstr (error->message, "node 3, input seed"));
}

static void
test_load_deep_nesting (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-deep-nesting.json");
  g_autoptr(GString) deep = g_string_new ("{\"1\": {\"inputs\": {\"x\": ");
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(GError) deep_error = NULL;

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_DEEP);

  /* A million levels: no recursion, so no stack to exhaust. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  workflow = lk_workflow_new_from_string (deep->str, deep->len, &deep_error);
  g_assert_null (workflow);
  g_assert_error (deep_error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_DEEP);
}

static void
test_load_big_seed (void)
{
  g_autoptr(GError) error = load_fixture_error ("bad-big-seed.json");

  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NUMBER_RANGE);
  g_assert_nonnull (strstr (error->message, "node 3 (KSampler), input seed"));
  g_assert_nonnull (strstr (error->message, "18446744073709551615"));
}

/* Found by fuzzing: naming the node of a number out of range looked for a class_type in
 * something that was not a node. */
static void
test_load_big_number_outside_a_node (void)
{
  static const char *text = "{\"\": 2, \"bantaderfe\": 22222222222222222222222222222222, \"ba\": 1}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);

  g_assert_null (workflow);
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NUMBER_RANGE);
  g_assert_nonnull (strstr (error->message, "at node bantaderfe: "));
}

static void
test_load_too_large (void)
{
  gsize size = 50 * 1024 * 1024;
  g_autofree char *big = g_malloc (size);
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(LkWorkflow) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int fd;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  workflow = lk_workflow_new_from_string (big, size, &error);
  g_assert_null (workflow);
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_LARGE);

  /* A file that size is refused before it is read (a sparse file costs no disk). */
  path = g_build_filename (g_get_tmp_dir (), "lorakeet-huge-template.json", NULL);
  fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_close (fd, NULL);
  file = g_file_new_for_path (path);
  from_file = lk_workflow_new_from_file (file, NULL, &file_error);
  g_assert_null (from_file);
  g_assert_error (file_error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_TOO_LARGE);
  g_unlink (path);
}

static void
test_load_not_a_graph (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", LK_WORKFLOW_ERROR_INVALID_JSON },
    { "   \n ", LK_WORKFLOW_ERROR_INVALID_JSON },
    { "[]", LK_WORKFLOW_ERROR_NOT_A_GRAPH },
    { "\"SaveImage\"", LK_WORKFLOW_ERROR_NOT_A_GRAPH },
    { "null", LK_WORKFLOW_ERROR_NOT_A_GRAPH },
    { "{}", LK_WORKFLOW_ERROR_NOT_A_GRAPH },
    { "{\"prompt\": {\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {}}}, \"client_id\": \"x\"}",
      LK_WORKFLOW_ERROR_NOT_A_GRAPH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (cases[i].text, -1, &error);

      g_assert_null (workflow);
      g_assert_error (error, LK_WORKFLOW_ERROR, cases[i].code);
    }
}

/* Text json-glib would accept (wrapping, truncating or guessing) but a template must not. */
static void
test_load_strict_json (void)
{
  static const struct { const char *text; gsize length; int code; } cases[] = {
    { "{\"1\": {\"class_type\": \"SaveImage\" /* c */, \"inputs\": {}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{'1': {}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 1,}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 0x10}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 012}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": NaN}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 1e400}}}", 0, LK_WORKFLOW_ERROR_NUMBER_RANGE },
    { "{\"1\": {\"inputs\": {\"a\": -9223372036854775809}}}", 0, LK_WORKFLOW_ERROR_NUMBER_RANGE },
    { "{\"1\": {\"inputs\": {\"a\": \"x\\u0000y\"}}}", 0, LK_WORKFLOW_ERROR_NOT_UTF8 },
    { "{\"1\": {\"inputs\": {\"a\": \"\\ud800\"}}}", 0, LK_WORKFLOW_ERROR_NOT_UTF8 },
    { "{\"1\": {\"inputs\": {\"a\": \"\\q\"}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": \"tab\there\"}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {}} {\"2\": {}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": tru}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 1.}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": -}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": 1}}}\0{}", 15, LK_WORKFLOW_ERROR_NOT_UTF8 },
    { "{\"1\" {}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{1: {}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
    { "{\"1\": {\"inputs\": {\"a\": [1 2]}}}", 0, LK_WORKFLOW_ERROR_INVALID_JSON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkWorkflow) workflow = NULL;
      gssize length = cases[i].length ? (gssize) strlen (cases[i].text) + 1 + 2 : -1;

      workflow = lk_workflow_new_from_string (cases[i].text, length, &error);
      g_test_message ("%s → %s", cases[i].text, error ? error->message : "(loaded)");
      g_assert_null (workflow);
      g_assert_error (error, LK_WORKFLOW_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "line 1, column"));
    }
}

static void
test_load_from_node (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(LkWorkflow) from_string = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  JsonNode *root;
  gsize length;

  contents = lk_test_read_workflow ("sd15-txt2img.json", &length);
  json_parser_load_from_data (parser, contents, length, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);

  workflow = lk_workflow_new_from_node (root, &error);
  g_assert_no_error (error);
  from_string = lk_workflow_new_from_string (contents, length, &error);
  g_assert_no_error (error);

  text = lk_workflow_to_string (workflow, FALSE);
  expected = lk_workflow_to_string (from_string, FALSE);
  g_assert_cmpstr (text, ==, expected);

  /* The workflow edits its own copy, never the caller's tree. */
  g_assert_true (lk_workflow_set_seed (workflow, 42, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (json_node_get_object (root), "3"), "inputs"), "seed"),
                   ==, 156680208700286);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkWorkflow **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lk_workflow_new_from_file_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the template to load");
  return G_SOURCE_REMOVE;
}

static void
test_load_from_file_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "workflows",
                                                 "animatediff-vhs.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LkWorkflow) workflow = NULL;
  guint timeout;

  timeout = g_timeout_add_seconds (10, timeout_cb, NULL);
  lk_workflow_new_from_file_async (file, NULL, loaded_cb, &workflow);
  while (workflow == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_cmpint (lk_workflow_get_kind (workflow), ==, LK_WORKFLOW_KIND_VIDEO);
}

static void
test_load_from_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/lorakeet/template.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_file (file, NULL, &error);

  g_assert_null (workflow);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The messages of the problems validation finds in @name, one per line. */
static char *
validate_fixture (const char *name,
                  guint      *n_problems)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow (name);
  g_autoptr(GPtrArray) problems = lk_workflow_validate (workflow);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s\n",
                            ((LkWorkflowProblem *) g_ptr_array_index (problems, i))->message);
  g_test_message ("%s", text->str);

  g_assert_false (lk_workflow_check (workflow, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH);

  *n_problems = problems->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_validate_dangling_link (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-dangling-link.json", &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (text, ==, "Node 8 (VAEDecode), input vae: links to node 12, which does not exist\n");
}

static void
test_validate_self_link (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-self-link.json", &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "Node 8 (VAEDecode), input samples: links to its own output"));
}

static void
test_validate_cycle (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-cycle.json", &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "Node 3 (KSampler), input latent_image: is part of a loop: "
                                  "3 (KSampler) → 11 (LatentUpscale) → 3 (KSampler)"));
}

static void
test_validate_number_id_link (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-number-id-link.json", &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "Node 6 (CLIPTextEncode), input clip:"));
  g_assert_nonnull (strstr (text, "[\"4\", 0]"));
}

static void
test_validate_bad_slots (void)
{
  guint n;
  g_autofree char *negative = validate_fixture ("bad-slot-negative.json", &n);
  g_autofree char *huge = NULL;

  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (negative, "Node 8 (VAEDecode), input vae: links to output slot -1 of node 4"));
  huge = validate_fixture ("bad-slot-huge.json", &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (huge, "output slot 1000000000000 of node 4"));
}

static void
test_validate_no_output (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-no-output.json", &n);

  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "no output node"));
}

static void
test_validate_wrong_types (void)
{
  guint n;
  g_autofree char *text = validate_fixture ("bad-wrong-types.json", &n);

  g_assert_nonnull (strstr (text, "Node 1: its class_type must be a string"));
  g_assert_nonnull (strstr (text, "Node 2 (VAEDecode): its inputs must be an object"));
  g_assert_nonnull (strstr (text, "Node 3 (SaveImage): has no inputs object"));
  g_assert_nonnull (strstr (text, "Node 4: is not an object"));
  g_assert_nonnull (strstr (text, "Node 5 (SaveImage), input images: the output slot of a link must be a whole number"));
  g_assert_nonnull (strstr (text, "Node 6 (PreviewImage), input images: a list of 3 values is not a link"));
  g_assert_nonnull (strstr (text, "Node 7 (PreviewImage), input images: the output slot"));
  g_assert_cmpuint (n, ==, 7);
}

static void
test_validate_problem_cap (void)
{
  g_autoptr(GString) text = g_string_new ("{\"save\": {\"class_type\": \"SaveImage\", \"inputs\": {}}");
  g_autoptr(LkWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const LkWorkflowProblem *last;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, ", \"%u\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"vae\": [\"x%u\", 0]}}", i, i);
  g_string_append_c (text, '}');

  workflow = lk_workflow_new_from_string (text->str, text->len, &error);
  g_assert_no_error (error);
  problems = lk_workflow_validate (workflow);
  g_assert_cmpuint (problems->len, ==, 51);
  last = g_ptr_array_index (problems, 50);
  g_assert_cmpstr (last->message, ==, "… and 450 more problems");
  g_assert_null (last->node_id);
}

static void
test_validate_problem_fields (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("bad-dangling-link.json");
  g_autoptr(GPtrArray) problems = lk_workflow_validate (workflow);
  const LkWorkflowProblem *problem;
  g_autoptr(LkWorkflowProblem) copy = NULL;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->node_id, ==, "8");
  g_assert_cmpstr (problem->class_type, ==, "VAEDecode");
  g_assert_cmpstr (problem->input, ==, "vae");

  copy = g_boxed_copy (LK_TYPE_WORKFLOW_PROBLEM, problem);
  g_assert_cmpstr (copy->message, ==, problem->message);
}

static void
test_serialise_deterministic_order (void)
{
  static const char *text =
    "{\"b\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"10\", 0], \"filename_prefix\": \"x\"}},"
    " \"57:12\": {\"class_type\": \"PreviewImage\", \"inputs\": {\"images\": [\"9\", 0]}},"
    " \"10\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"z\": 0.8, \"a\": 1.0, \"m\": 3, \"big\": 9007199254740993}},"
    " \"57:3\": {\"class_type\": \"PreviewImage\", \"inputs\": {\"images\": [\"9\", 0]}},"
    " \"9\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"t\": \"é\\n\\\"q\\\"\\u0001\"}, \"_meta\": {\"title\": \"t\"}},"
    " \"a\": {\"class_type\": \"PreviewImage\", \"inputs\": {\"images\": [\"9\", 0]}},"
    " \"12.0.0.5\": {\"class_type\": \"PreviewImage\", \"inputs\": {\"images\": [\"9\", 0]}},"
    " \"010\": {\"class_type\": \"PreviewImage\", \"inputs\": {\"images\": [\"9\", 0], \"e\": 1e-7}}}";
  static const char *expected =
    "{\"9\":{\"class_type\":\"VAEDecode\",\"inputs\":{\"t\":\"é\\n\\\"q\\\"\\u0001\"},\"_meta\":{\"title\":\"t\"}},"
    "\"010\":{\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"9\",0],\"e\":1e-07}},"
    "\"10\":{\"class_type\":\"VAEDecode\",\"inputs\":{\"z\":0.8,\"a\":1.0,\"m\":3,\"big\":9007199254740993}},"
    "\"12.0.0.5\":{\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"9\",0]}},"
    "\"57:3\":{\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"9\",0]}},"
    "\"57:12\":{\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"9\",0]}},"
    "\"a\":{\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"9\",0]}},"
    "\"b\":{\"class_type\":\"SaveImage\",\"inputs\":{\"images\":[\"10\",0],\"filename_prefix\":\"x\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_autofree char *out = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  out = lk_workflow_to_string (workflow, FALSE);
  g_assert_cmpstr (out, ==, expected);

  ids = lk_workflow_dup_node_ids (workflow);
  joined = g_strjoinv (" ", ids);
  g_assert_cmpstr (joined, ==, "9 010 10 12.0.0.5 57:3 57:12 a b");
}

static void
test_serialise_pretty_layout (void)
{
  static const char *text =
    "{\"9\": {\"inputs\": {\"images\": [\"8\", 0], \"filename_prefix\": \"ComfyUI\", \"list\": [], \"obj\": {}}, "
    "\"class_type\": \"SaveImage\"}}";
  static const char *expected =
    "{\n"
    "  \"9\": {\n"
    "    \"inputs\": {\n"
    "      \"images\": [\"8\", 0],\n"
    "      \"filename_prefix\": \"ComfyUI\",\n"
    "      \"list\": [],\n"
    "      \"obj\": {}\n"
    "    },\n"
    "    \"class_type\": \"SaveImage\"\n"
    "  }\n"
    "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  out = lk_workflow_to_string (workflow, TRUE);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_find_sd15 (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");

  assert_role (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER, "4");
  assert_role (workflow, LK_WORKFLOW_ROLE_LORA_LOADER, "10");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "10");
  assert_role (workflow, LK_WORKFLOW_ROLE_SAMPLER, "3");
  assert_role (workflow, LK_WORKFLOW_ROLE_POSITIVE, "6");
  assert_role (workflow, LK_WORKFLOW_ROLE_NEGATIVE, "7");
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "5");
  assert_role (workflow, LK_WORKFLOW_ROLE_SEED, "3");
  assert_role (workflow, LK_WORKFLOW_ROLE_OUTPUT, "9");
  g_assert_cmpint (lk_workflow_get_kind (workflow), ==, LK_WORKFLOW_KIND_IMAGE);
  g_assert_cmpstr (lk_workflow_get_class_type (workflow, "10"), ==, "LoraLoader");
  g_assert_null (lk_workflow_get_class_type (workflow, "404"));
  g_assert_null (lk_workflow_get_input (workflow, "10", "nope"));
}

static void
test_find_sdxl_refiner (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sdxl-base-refiner.json");
  guint64 seed = 0;

  /* The base comes first: the sampler fed by the empty latent, and its checkpoint. */
  assert_role (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER, "4 12");
  assert_role (workflow, LK_WORKFLOW_ROLE_SAMPLER, "3 11");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "10");
  assert_role (workflow, LK_WORKFLOW_ROLE_POSITIVE, "6 15");
  assert_role (workflow, LK_WORKFLOW_ROLE_NEGATIVE, "7 16");
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "5");
  assert_role (workflow, LK_WORKFLOW_ROLE_SEED, "3 11");
  g_assert_true (lk_workflow_get_seed (workflow, &seed));
  g_assert_cmpuint (seed, ==, 721897303308196);
}

static void
test_find_animatediff (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("animatediff-vhs.json");

  /* The sampler's model comes through AnimateDiff's node, then the LoRA, then the checkpoint. */
  assert_role (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER, "1");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "10");
  assert_role (workflow, LK_WORKFLOW_ROLE_SAMPLER, "7");
  assert_role (workflow, LK_WORKFLOW_ROLE_POSITIVE, "3");
  assert_role (workflow, LK_WORKFLOW_ROLE_NEGATIVE, "6");
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "5");
  assert_role (workflow, LK_WORKFLOW_ROLE_OUTPUT, "9");
  g_assert_cmpint (lk_workflow_get_kind (workflow), ==, LK_WORKFLOW_KIND_VIDEO);
}

static void
test_find_model_only (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");

  assert_role (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER, "37");
  assert_role (workflow, LK_WORKFLOW_ROLE_LORA_LOADER, "48");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "48");
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "40");
  assert_role (workflow, LK_WORKFLOW_ROLE_OUTPUT, "28");
  g_assert_cmpint (lk_workflow_get_kind (workflow), ==, LK_WORKFLOW_KIND_VIDEO);
}

static void
test_find_through_controlnet (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("prompt-from-link.json");

  assert_role (workflow, LK_WORKFLOW_ROLE_POSITIVE, "6");
  assert_role (workflow, LK_WORKFLOW_ROLE_NEGATIVE, "7");
}

static void
test_find_two_loras (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("two-loras.json");

  assert_role (workflow, LK_WORKFLOW_ROLE_LORA_LOADER, "10 11");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "10");
}

static void
test_find_ksampler_advanced (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("ksampler-advanced.json");

  assert_role (workflow, LK_WORKFLOW_ROLE_SAMPLER, "13");
  assert_role (workflow, LK_WORKFLOW_ROLE_LORA_LOADER, "");
  assert_role (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA, "");
  assert_role (workflow, LK_WORKFLOW_ROLE_SEED, "13");
  assert_role (workflow, LK_WORKFLOW_ROLE_OUTPUT, "9 14");
}

static void
test_find_hires_fix (void)
{
  /* The second pass has the lower id; the main sampler is still the one the empty latent feeds. */
  static const char *text =
    "{\"2\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"4\", 0],"
    "        \"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"11\", 0]}},"
    " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"4\", 0],"
    "        \"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.safetensors\"}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": 1}},"
    " \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a\", \"clip\": [\"4\", 1]}},"
    " \"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"b\", \"clip\": [\"4\", 1]}},"
    " \"11\": {\"class_type\": \"LatentUpscale\", \"inputs\": {\"width\": 1024, \"height\": 1024,"
    "         \"samples\": [\"3\", 0]}},"
    " \"12\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"2\", 0], \"vae\": [\"4\", 2]}},"
    " \"13\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"12\", 0], \"filename_prefix\": \"x\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);

  g_assert_no_error (error);
  assert_role (workflow, LK_WORKFLOW_ROLE_SAMPLER, "3 2");
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "5");
  g_assert_true (lk_workflow_set_size (workflow, 640, 640, &error));
  g_assert_cmpint (json_node_get_int (lk_workflow_get_input (workflow, "5", "width")), ==, 640);
  g_assert_cmpint (json_node_get_int (lk_workflow_get_input (workflow, "11", "width")), ==, 1024);
}

/* Found by fuzzing: nodes that lost their class_type were still offered as the latent and as
 * seed nodes. */
static void
test_find_ignores_nodes_without_class (void)
{
  static const char *text =
    "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"latent_image\": [\"5\", 0]}},"
    " \"4\": {\"inputs\": {\"seed\": 5}},"
    " \"5\": {\"sas_cltype\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512}},"
    " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"3\", 0]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);

  g_assert_no_error (error);
  for (LkWorkflowRole role = LK_WORKFLOW_ROLE_MODEL_LOADER; role <= LK_WORKFLOW_ROLE_OUTPUT; role++)
    {
      g_auto(GStrv) found = lk_workflow_find (workflow, role);

      for (guint i = 0; found[i] != NULL; i++)
        g_assert_nonnull (lk_workflow_get_class_type (workflow, found[i]));
    }
  assert_role (workflow, LK_WORKFLOW_ROLE_LATENT, "");
  assert_role (workflow, LK_WORKFLOW_ROLE_SEED, "");
}

static void
test_parser_loose_numbers (void)
{
  static const char *text = "{\"a\": 18446744073709551615, \"b\": NaN, \"c\": -Infinity, \"d\": 1e999}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = lk_json_parse (text, strlen (text), 1024, 8,
                                            LK_JSON_PARSE_LOOSE_NUMBERS, NULL, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpfloat (json_object_get_double_member (object, "a"), ==, 18446744073709551615.0);
  g_assert_true (json_object_get_null_member (object, "b"));
  g_assert_true (json_object_get_null_member (object, "c"));
  g_assert_true (json_object_get_null_member (object, "d"));
}

static void
test_parser_error_path (void)
{
  static const char *text = "{\"3\": {\"inputs\": {\"list\": [1, 2, {\"x\": tru}]}}}";
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) path = NULL;
  g_autoptr(JsonNode) root = lk_json_parse (text, strlen (text), 1024, 8, LK_JSON_PARSE_DEFAULT,
                                            &path, &error);
  g_autofree char *joined = NULL;

  g_assert_null (root);
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_JSON);
  joined = g_strjoinv ("/", path);
  g_assert_cmpstr (joined, ==, "3/inputs/list/2/x");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workflow/load/realistic-templates", test_load_realistic_templates);
  g_test_add_func ("/workflow/load/ui-format-refused", test_load_ui_format_refused);
  g_test_add_func ("/workflow/load/truncated", test_load_truncated);
  g_test_add_func ("/workflow/load/not-json", test_load_not_json);
  g_test_add_func ("/workflow/load/not-utf8", test_load_not_utf8);
  g_test_add_func ("/workflow/load/duplicate-keys", test_load_duplicate_keys);
  g_test_add_func ("/workflow/load/deep-nesting", test_load_deep_nesting);
  g_test_add_func ("/workflow/load/number-beyond-64-bits", test_load_big_seed);
  g_test_add_func ("/workflow/load/number-beyond-64-bits-outside-a-node", test_load_big_number_outside_a_node);
  g_test_add_func ("/workflow/load/too-large", test_load_too_large);
  g_test_add_func ("/workflow/load/not-a-graph", test_load_not_a_graph);
  g_test_add_func ("/workflow/load/strict-json", test_load_strict_json);
  g_test_add_func ("/workflow/load/from-json-node", test_load_from_node);
  g_test_add_func ("/workflow/load/from-file-async", test_load_from_file_async);
  g_test_add_func ("/workflow/load/from-missing-file", test_load_from_missing_file);
  g_test_add_func ("/workflow/validate/dangling-link", test_validate_dangling_link);
  g_test_add_func ("/workflow/validate/self-link", test_validate_self_link);
  g_test_add_func ("/workflow/validate/cycle", test_validate_cycle);
  g_test_add_func ("/workflow/validate/number-id-link", test_validate_number_id_link);
  g_test_add_func ("/workflow/validate/bad-slots", test_validate_bad_slots);
  g_test_add_func ("/workflow/validate/no-output", test_validate_no_output);
  g_test_add_func ("/workflow/validate/wrong-types", test_validate_wrong_types);
  g_test_add_func ("/workflow/validate/problem-cap", test_validate_problem_cap);
  g_test_add_func ("/workflow/validate/problem-fields", test_validate_problem_fields);
  g_test_add_func ("/workflow/serialise/deterministic-order", test_serialise_deterministic_order);
  g_test_add_func ("/workflow/serialise/pretty-layout", test_serialise_pretty_layout);
  g_test_add_func ("/workflow/find/sd15", test_find_sd15);
  g_test_add_func ("/workflow/find/sdxl-base-refiner", test_find_sdxl_refiner);
  g_test_add_func ("/workflow/find/animatediff", test_find_animatediff);
  g_test_add_func ("/workflow/find/model-only-lora", test_find_model_only);
  g_test_add_func ("/workflow/find/prompt-through-controlnet", test_find_through_controlnet);
  g_test_add_func ("/workflow/find/two-loras", test_find_two_loras);
  g_test_add_func ("/workflow/find/ksampler-advanced", test_find_ksampler_advanced);
  g_test_add_func ("/workflow/find/hires-fix-second-pass", test_find_hires_fix);
  g_test_add_func ("/workflow/find/ignores-nodes-without-class", test_find_ignores_nodes_without_class);
  g_test_add_func ("/workflow/json/loose-numbers", test_parser_loose_numbers);
  g_test_add_func ("/workflow/json/error-path", test_parser_error_path);

  return g_test_run ();
}
