/* lk-paths.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-paths.h"

/**
 * lk_paths_dup_data_dir:
 *
 * The folder for Lorakeet's persistent private data (the embedded database lives below it):
 * `$XDG_DATA_HOME/lorakeet`.
 *
 * Returns: (transfer full): an absolute path; it may not exist yet.
 */
char *
lk_paths_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "lorakeet", NULL);
}

/**
 * lk_paths_dup_cache_dir:
 *
 * The folder for data Lorakeet can rebuild (downloads from remote servers, object_info):
 * `$XDG_CACHE_HOME/lorakeet`.
 *
 * Returns: (transfer full): an absolute path; it may not exist yet.
 */
char *
lk_paths_dup_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "lorakeet", NULL);
}

/**
 * lk_paths_dup_runtime_dir:
 *
 * The per-session folder for sockets: `$XDG_RUNTIME_DIR/lorakeet`. GLib falls back to the cache
 * folder when the session has no runtime dir, which is still private to the user.
 *
 * Returns: (transfer full): an absolute path; it may not exist yet.
 */
char *
lk_paths_dup_runtime_dir (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "lorakeet", NULL);
}

/**
 * lk_paths_dup_sql_dir:
 *
 * The folder holding the SQL migrations. `LORAKEET_SQL_DIR` overrides the installed location so
 * the CLI and the tests run from the build tree.
 *
 * Returns: (transfer full): an absolute path.
 */
char *
lk_paths_dup_sql_dir (void)
{
  const char *override = g_getenv ("LORAKEET_SQL_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_build_filename (PKGDATADIR, "sql", NULL);
}

/**
 * lk_paths_is_inside:
 * @base_dir: an absolute folder
 * @candidate: an absolute path
 *
 * Whether @candidate, once its `.` and `..` components are resolved lexically, lies strictly
 * below @base_dir. Used before writing any file whose name came from outside.
 *
 * Returns: %TRUE if @candidate is inside @base_dir.
 */
gboolean
lk_paths_is_inside (const char *base_dir,
                    const char *candidate)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  size_t len;

  g_return_val_if_fail (base_dir != NULL, FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  if (!g_path_is_absolute (base_dir) || !g_path_is_absolute (candidate))
    return FALSE;

  base = g_canonicalize_filename (base_dir, NULL);
  path = g_canonicalize_filename (candidate, NULL);
  len = strlen (base);

  if (len == 1) /* "/" */
    return path[1] != '\0';

  return strncmp (base, path, len) == 0 && path[len] == '/' && path[len + 1] != '\0';
}
