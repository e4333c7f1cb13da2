/* test-training-set.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-test-files.h"
#include "lk-toml-writer.h"
#include "lk-training-set.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lk-training-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  lk_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static LkReferenceImage *
make_image (Fixture    *fixture,
            guint       index,
            const char *caption)
{
  g_autofree char *name = g_strdup_printf ("pic %u.png", index);
  g_autofree char *path = lk_test_write_image (fixture->dir, name, "png", 64, 64,
                                               0x10203000 + index);

  return lk_reference_image_new (index, 1, path, LK_REFERENCE_ROLE_TRAINING_IMAGE, caption,
                                 (int)index, NULL, 64, 64);
}

static LkTrainingSet *
make_set (Fixture *fixture,
          guint    n_images)
{
  LkTrainingSet *set = lk_training_set_new ("Mei Kobayashi", "mei_kobayashi", "1girl");

  for (guint i = 1; i <= n_images; i++)
    {
      g_autofree char *caption = g_strdup_printf ("mei_kobayashi, pose %u, office", i);
      g_autoptr(LkReferenceImage) image = make_image (fixture, i, caption);

      lk_training_set_add_image (set, image);
    }
  return set;
}

static gboolean
has_finding (GPtrArray             *findings,
             LkTrainingFindingKind  kind,
             const char            *path_suffix)
{
  for (guint i = 0; i < findings->len; i++)
    {
      LkTrainingFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == kind
          && (path_suffix == NULL || (finding->path && g_str_has_suffix (finding->path, path_suffix))))
        {
          g_assert_nonnull (finding->message);
          g_assert_nonnull (finding->fix);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static char **
export (LkTrainingSet  *set,
        const char     *target,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { 0 };
  guint timeout = 0;

  lk_training_set_export_async (set, target, "/opt/sd/venv/bin/python", "/opt/sd-scripts", NULL,
                                wait_cb, &wait);
  while (!wait.done && timeout++ < 30000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.done);
  result = wait.result;
  return lk_training_set_export_finish (set, result, error);
}

static void
test_defaults_and_names (void)
{
  g_autoptr(LkTrainingSet) set = lk_training_set_new ("Goblin Slayer", "goblin_slayer", "1boy");
  g_autofree char *trigger = lk_training_set_default_trigger ("Mei  Kobayashi!");
  g_autofree char *name = lk_training_set_default_output_name ("Rina Suzuki", 3);
  g_auto(GStrv) traits =
    lk_training_set_traits_from_description ("Quiet girl with long Blue hair and green eyes");

  g_assert_cmpstr (trigger, ==, "mei_kobayashi");
  g_assert_cmpstr (name, ==, "rina_suzuki_v3");
  g_assert_cmpstr (lk_training_set_get_output_name (set), ==, "goblin_slayer_v1");
  g_assert_cmpuint (g_strv_length (traits), ==, 2);
  g_assert_cmpstr (traits[0], ==, "blue hair");
  g_assert_cmpstr (traits[1], ==, "green eyes");
}

static void
test_command_line (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = make_set (fixture, 2);
  g_auto(GStrv) argv = NULL;
  g_autofree char *joined = NULL;

  lk_training_set_set_base_checkpoint (set, "/models/checkpoints/animagine-xl.safetensors", TRUE);
  lk_training_set_set_network (set, 16, 8);
  lk_training_set_set_epochs (set, 12);
  lk_training_set_set_output_name (set, "mei_kobayashi_v2");
  argv = lk_training_set_dup_command (set, "/exports/mei", "/venv/bin/python", "/sd-scripts");
  joined = g_strjoinv ("\n", argv);

  g_assert_cmpstr (argv[0], ==, "/venv/bin/python");
  g_assert_cmpstr (argv[1], ==, "/sd-scripts/sdxl_train_network.py");
  g_assert_true (g_strv_contains ((const char * const *)argv,
                                  "--pretrained_model_name_or_path=/models/checkpoints/animagine-xl.safetensors"));
  g_assert_true (g_strv_contains ((const char * const *)argv,
                                  "--dataset_config=/exports/mei/dataset_config.toml"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--output_dir=/exports/mei/model"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--output_name=mei_kobayashi_v2"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--network_dim=16"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--network_alpha=8"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--max_train_epochs=12"));
  g_assert_true (g_strv_contains ((const char * const *)argv, "--save_model_as=safetensors"));

  lk_training_set_set_base_checkpoint (set, "/models/sd15.safetensors", FALSE);
  g_clear_pointer (&argv, g_strfreev);
  argv = lk_training_set_dup_command (set, "/exports/mei", NULL, NULL);
  g_assert_cmpstr (argv[0], ==, "python");
  g_assert_cmpstr (argv[1], ==, "train_network.py");
}

static void
test_lint_findings (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = lk_training_set_new ("Mei Kobayashi", "mei_kobayashi", "1girl");
  const char *traits[] = { "blue hair", "grey office suit", NULL };
  const char *captions[] = {
    "mei_kobayashi, blue hair, smiling",
    "office, mei_kobayashi, blue hair",
    "blue hair, desk",
    NULL,
    "mei_kobayashi, blue hair, mei_swimsuit, beach",
  };
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      g_autoptr(LkReferenceImage) image = make_image (fixture, i + 1, captions[i]);

      lk_training_set_add_image (set, image);
    }
  lk_training_set_set_traits (set, traits);
  lk_training_set_add_outfit (set, "mei_swimsuit", 40);
  lk_training_set_add_outfit (set, "mei_kimono", 10);
  lk_training_set_set_repeats (set, 5);

  findings = lk_training_set_lint (set);
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_TRIGGER_NOT_FIRST, "pic 2.png"));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_TRIGGER_MISSING, "pic 3.png"));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_MISSING_CAPTION, "pic 4.png"));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_FIXED_TRAIT, NULL));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_EMPTY_OUTFIT, NULL));
  /* base: 4 images x 5 = 20 steps; swimsuit: 1 x 40 = 40; balanced enough */
  g_assert_false (has_finding (findings, LK_TRAINING_FINDING_UNBALANCED_REPEATS, NULL));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_FEW_IMAGES, NULL));
  g_assert_false (has_finding (findings, LK_TRAINING_FINDING_TRIGGER_MISSING, "pic 1.png"));
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_NO_CHECKPOINT, NULL));

  /* The office suit is in no caption: not reported. */
  for (guint i = 0; i < findings->len; i++)
    {
      LkTrainingFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == LK_TRAINING_FINDING_FIXED_TRAIT)
        g_assert_nonnull (strstr (finding->message, "blue hair"));
    }

  lk_training_set_add_outfit (set, "mei_swimsuit", 200);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = lk_training_set_lint (set);
  g_assert_true (has_finding (findings, LK_TRAINING_FINDING_UNBALANCED_REPEATS, NULL));
}

static void
test_export_layout_and_toml (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = make_set (fixture, 3);
  g_autoptr(LkReferenceImage) outfit = make_image (fixture, 9, "mei_kobayashi, mei_suit, desk");
  g_autofree char *target = g_build_filename (fixture->dir, "export", NULL);
  g_autofree char *base_dir = g_build_filename (target, "img", "10_mei_kobayashi 1girl", NULL);
  g_autofree char *suit_dir = g_build_filename (target, "img", "4_mei_kobayashi mei_suit", NULL);
  g_autofree char *first = g_build_filename (base_dir, "0001-pic 1.png", NULL);
  g_autofree char *first_caption = g_build_filename (base_dir, "0001-pic 1.txt", NULL);
  g_autofree char *suit_caption = g_build_filename (suit_dir, "0004-pic 9.txt", NULL);
  g_autofree char *model_dir = g_build_filename (target, "model", NULL);
  g_autofree char *config = g_build_filename (target, "dataset_config.toml", NULL);
  g_autofree char *command = g_build_filename (target, "command.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  lk_training_set_add_image (set, outfit);
  lk_training_set_add_outfit (set, "mei_suit", 4);
  argv = export (set, target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (argv);
  g_assert_cmpstr (argv[1], ==, "/opt/sd-scripts/train_network.py");

  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (model_dir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_get_contents (first_caption, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "mei_kobayashi, pose 1, office\n");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (suit_caption, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "mei_kobayashi, mei_suit, desk\n");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (command, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "--output_name=mei_kobayashi_v1"));

  /* Parsed back by a real TOML parser. */
  script = g_strdup_printf (
    "import sys, tomllib\n"
    "d = tomllib.load (open (sys.argv[1], 'rb'))\n"
    "g = d['general']\n"
    "s = d['datasets'][0]['subsets']\n"
    "print (g['caption_extension'], g['keep_tokens'], d['datasets'][0]['resolution'])\n"
    "for x in s: print (x['image_dir'], x['num_repeats'], x['class_tokens'], sep='|')\n");
  {
    const char *python_argv[] = { "python3", "-c", script, config, NULL };

    g_spawn_sync (NULL, (char **)python_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  expected = g_strdup_printf (".txt 1 1024\n%s|10|mei_kobayashi 1girl\n%s|4|mei_kobayashi mei_suit\n",
                              base_dir, suit_dir);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_failed_export_leaves_folder (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = make_set (fixture, 2);
  g_autoptr(LkTrainingSet) broken = make_set (fixture, 2);
  g_autoptr(LkReferenceImage) gone = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "export", NULL);
  g_autofree char *trained = g_build_filename (target, "model", "mei_kobayashi_v1.safetensors", NULL);
  g_autofree char *first = g_build_filename (target, "img", "10_mei_kobayashi 1girl",
                                             "0001-pic 1.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "deleted.png", NULL);
  g_autofree char *caption_path = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  argv = export (set, target, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (trained, "weights", -1, NULL));

  /* A source picture vanished: the export fails, the earlier one is untouched. */
  gone = lk_reference_image_new (99, 1, missing, LK_REFERENCE_ROLE_TRAINING_IMAGE,
                                 "mei_kobayashi, gone", 99, NULL, 0, 0);
  lk_training_set_add_image (broken, gone);
  g_clear_pointer (&argv, g_strfreev);
  argv = export (broken, target, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_EXPORT_FAILED);
  g_assert_nonnull (strstr (error->message, "deleted.png"));
  g_clear_error (&error);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (trained, G_FILE_TEST_IS_REGULAR));

  /* No temporary folder left beside it. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (name, ".export."));

  /* A missing caption blocks the export with the image named. */
  {
    g_autoptr(LkReferenceImage) bare = make_image (fixture, 7, NULL);

    lk_training_set_add_image (set, bare);
    g_clear_pointer (&argv, g_strfreev);
    argv = export (set, target, &error);
    g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "pic 7.png"));
    g_clear_error (&error);
  }

  /* A good re-export replaces the images and keeps the trained model. */
  lk_reference_image_set_caption (g_list_model_get_item (lk_training_set_get_images (set), 2),
                                  "mei_kobayashi, new");
  g_object_unref (g_list_model_get_item (lk_training_set_get_images (set), 2));
  g_clear_pointer (&argv, g_strfreev);
  argv = export (set, target, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (trained, G_FILE_TEST_IS_REGULAR));
  caption_path = g_build_filename (target, "img", "10_mei_kobayashi 1girl", "0003-pic 7.txt", NULL);
  g_assert_true (g_file_test (caption_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_foreign_folder_refused (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = make_set (fixture, 1);
  g_autofree char *target = g_build_filename (fixture->dir, "documents", NULL);
  g_autofree char *letter = g_build_filename (target, "letter.odt", NULL);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir (target, 0755);
  g_assert_true (g_file_set_contents (letter, "dear studio", -1, NULL));
  argv = export (set, target, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID);
  g_assert_true (g_file_test (letter, G_FILE_TEST_IS_REGULAR));
}

static void
test_toml_hostile_strings_round_trip (void)
{
  g_autoptr(LkTomlWriter) toml = lk_toml_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  const char *hostile = "a \"quoted\" \\back\\slash\nnew line\ttab \x01 ミク.png";
  const char *script =
    "import sys, tomllib, json\n"
    "d = tomllib.load (open (sys.argv[1], 'rb'))\n"
    "print (json.dumps (d, sort_keys=True, ensure_ascii=False))\n";
  int fd, status = 0;

  lk_toml_writer_table (toml, "general");
  lk_toml_writer_string (toml, "name", hostile);
  lk_toml_writer_double (toml, "rate", 1.0);
  lk_toml_writer_bool (toml, "flag", FALSE);
  lk_toml_writer_array_table (toml, "datasets");
  lk_toml_writer_int (toml, "n", -3);
  lk_toml_writer_array_table (toml, "datasets.subsets");
  lk_toml_writer_string (toml, "dir", "/x");
  lk_toml_writer_array_table (toml, "datasets.subsets");
  lk_toml_writer_string (toml, "dir", "/y");

  fd = g_file_open_tmp ("lk-toml-XXXXXX.toml", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, lk_toml_writer_get_text (toml), -1, NULL));
  {
    const char *argv[] = { "python3", "-c", script, path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                  &status, &error);
  }
  g_unlink (path);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==,
                   "{\"datasets\": [{\"n\": -3, \"subsets\": [{\"dir\": \"/x\"}, "
                   "{\"dir\": \"/y\"}]}], \"general\": {\"flag\": false, \"name\": "
                   "\"a \\\"quoted\\\" \\\\back\\\\slash\\nnew line\\ttab \\u0001 ミク.png\", "
                   "\"rate\": 1.0}}\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/training/set/defaults-and-names", test_defaults_and_names);
  g_test_add_func ("/training/toml/hostile-strings-round-trip",
                   test_toml_hostile_strings_round_trip);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/training/set/command-line", test_command_line);
  ADD ("/training/set/lint-findings", test_lint_findings);
  ADD ("/training/export/layout-and-toml-parsed-back", test_export_layout_and_toml);
  ADD ("/training/export/failed-export-leaves-folder", test_failed_export_leaves_folder);
  ADD ("/training/export/foreign-folder-refused", test_foreign_folder_refused);
#undef ADD

  return g_test_run ();
}
