/* test-catalog-triggers.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-catalog.h"
#include "lk-catalog-triggers.h"
#include "lk-test-pg.h"

static char *demo_lora_path;

static LkTriggerSet *
set_words (LkCatalog           *catalog,
           gint64               lora_id,
           const char          *set_name,
           const char * const  *words,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_set_trigger_words_async (catalog, lora_id, set_name, words, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  return lk_catalog_set_trigger_words_finish (catalog, result, error);
}

static gint64
query_id (LkTestDb   *db,
          const char *sql)
{
  g_autofree char *value = lk_test_db_query_value (db, sql);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

static void
test_parse_trims_and_drops_repeats (void)
{
  g_auto(GStrv) words = lk_trigger_words_parse (" mei kobayashi, glasses ,,\n glasses,black hair ");
  g_auto(GStrv) none = lk_trigger_words_parse (NULL);
  const char * const expected[] = { "mei kobayashi", "glasses", "black hair", NULL };

  g_assert_true (g_strv_equal ((const char * const *)words, expected));
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_replaces_base_set_of_lineage (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkTriggerSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *other = NULL;
  const char * const words[] = { " mei kobayashi ", "red glasses", "", "red glasses", NULL };
  const char * const expected[] = { "mei kobayashi", "red glasses", NULL };
  gint64 lora_id;

  lora_id = query_id (db, "SELECT model_id FROM character_loras cl "
                          "JOIN characters c ON c.id = cl.character_id "
                          "WHERE c.name = 'Mei Kobayashi' AND cl.is_current");
  other = lk_test_db_query_value (db, "SELECT array_to_string (words, '|') "
                                      "FROM lora_trigger_sets WHERE name = 'office outfit'");

  set = set_words (catalog, lora_id, NULL, words, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_trigger_set_get_name (set), ==, "base");
  g_assert_true (g_strv_equal (lk_trigger_set_get_words (set), expected));

  stored = lk_test_db_query_value (db, "SELECT array_to_string (ts.words, '|') "
                                       "FROM lora_trigger_sets ts "
                                       "JOIN model_details d ON d.lineage_id = ts.lineage_id "
                                       "JOIN character_loras cl ON cl.model_id = d.model_id "
                                       "WHERE cl.is_current AND ts.name = 'base'");
  g_assert_cmpstr (stored, ==, "mei kobayashi|red glasses");

  /* The other sets of the lineage are left alone. */
  g_clear_pointer (&stored, g_free);
  stored = lk_test_db_query_value (db, "SELECT array_to_string (words, '|') "
                                       "FROM lora_trigger_sets WHERE name = 'office outfit'");
  g_assert_cmpstr (stored, ==, other);
}

static void
test_creates_named_set (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkTriggerSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char * const words[] = { "swimsuit", "beach", NULL };
  gint64 lora_id;

  lora_id = query_id (db, "SELECT model_id FROM character_loras WHERE is_current LIMIT 1");
  set = set_words (catalog, lora_id, "summer", words, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_trigger_set_get_name (set), ==, "summer");

  count = lk_test_db_query_value (db, "SELECT count (*) FROM lora_trigger_sets "
                                      "WHERE name = 'summer' AND words = '{swimsuit,beach}'");
  g_assert_cmpstr (count, ==, "1");
}

static void
test_lora_without_lineage_gets_one (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkTriggerSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lineage = NULL;
  const char * const words[] = { "hand made", NULL };
  gint64 lora_id;

  lora_id = query_id (db, "INSERT INTO ai_models (name, type, model_path) "
                          "VALUES ('handmade_lora', 'lora', 'handmade_lora.safetensors') "
                          "RETURNING id");
  set = set_words (catalog, lora_id, "base", words, &error);
  g_assert_no_error (error);

  lineage = lk_test_db_query_value (db, "SELECT l.name FROM model_details d "
                                        "JOIN lora_lineages l ON l.id = d.lineage_id "
                                        "JOIN ai_models m ON m.id = d.model_id "
                                        "WHERE m.name = 'handmade_lora'");
  g_assert_cmpstr (lineage, ==, "handmade_lora");
}

static void
test_refuses_what_is_not_a_lora (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkTriggerSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_word = g_strnfill (300, 'a');
  const char * const words[] = { "anything", NULL };
  const char * const too_long[] = { long_word, NULL };
  gint64 checkpoint_id, lora_id;

  checkpoint_id = query_id (db, "SELECT id FROM ai_models WHERE type = 'checkpoint' LIMIT 1");
  set = set_words (catalog, checkpoint_id, NULL, words, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_assert_null (set);
  g_clear_error (&error);

  set = set_words (catalog, 987654321, NULL, words, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
  g_assert_null (set);
  g_clear_error (&error);

  lora_id = query_id (db, "SELECT model_id FROM character_loras WHERE is_current LIMIT 1");
  set = set_words (catalog, lora_id, NULL, too_long, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_assert_null (set);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTest options] DEMO-LORA\n", argv[0]);
      return 1;
    }
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);

  g_test_add_func ("/catalog/triggers/parse-trims-and-drops-repeats",
                   test_parse_trims_and_drops_repeats);

  lk_test_pg_require ();
  g_test_add_func ("/catalog/triggers/replaces-base-set-of-lineage",
                   test_replaces_base_set_of_lineage);
  g_test_add_func ("/catalog/triggers/creates-named-set", test_creates_named_set);
  g_test_add_func ("/catalog/triggers/lora-without-lineage-gets-one",
                   test_lora_without_lineage_gets_one);
  g_test_add_func ("/catalog/triggers/refuses-what-is-not-a-lora",
                   test_refuses_what_is_not_a_lora);

  return g_test_run ();
}
