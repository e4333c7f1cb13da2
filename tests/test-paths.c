/* test-paths.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-paths.h"

static void
test_paths_inside_accepts_children (void)
{
  g_assert_true (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet/a.png"));
  g_assert_true (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet/sub/dir/a.png"));
  g_assert_true (lk_paths_is_inside ("/cache/lorakeet/", "/cache/lorakeet/./a.png"));
}

static void
test_paths_inside_rejects_escapes (void)
{
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet"));
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet/../x.png"));
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet/a/../../x.png"));
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "/cache/lorakeet-evil/x.png"));
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "/etc/passwd"));
  g_assert_false (lk_paths_is_inside ("/cache/lorakeet", "relative/x.png"));
}

static void
test_paths_dirs_follow_xdg (void)
{
  g_autofree char *data = lk_paths_dup_data_dir ();
  g_autofree char *cache = lk_paths_dup_cache_dir ();

  /* G_TEST_OPTION_ISOLATE_DIRS gives this test private XDG dirs. */
  g_assert_true (g_str_has_prefix (data, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (data, "/lorakeet"));
  g_assert_true (g_str_has_prefix (cache, g_get_user_cache_dir ()));
}

static void
test_paths_sql_dir_override (void)
{
  g_autofree char *sql = NULL;

  g_setenv ("LORAKEET_SQL_DIR", "/tmp/lorakeet-sql", TRUE);
  sql = lk_paths_dup_sql_dir ();
  g_assert_cmpstr (sql, ==, "/tmp/lorakeet-sql");
  g_unsetenv ("LORAKEET_SQL_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/paths/inside/accepts-children", test_paths_inside_accepts_children);
  g_test_add_func ("/paths/inside/rejects-escapes", test_paths_inside_rejects_escapes);
  g_test_add_func ("/paths/dirs/follow-xdg", test_paths_dirs_follow_xdg);
  g_test_add_func ("/paths/sql-dir/override", test_paths_sql_dir_override);

  return g_test_run ();
}
