/* bench-file-hash.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lk_file_sha256() against coreutils' sha256sum on the same file, warm in the page cache:
 * the catalog hashes every LoRA and checkpoint it scans, so it should not be slower than the
 * tool an artist would use. Prints the figures; asserts only that both agree. */

#include "config.h"

#include <glib/gstdio.h>

#include "lk-file-hash.h"

static double
now_seconds (void)
{
  return g_get_monotonic_time () / (double)G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sha256sum = g_find_program_in_path ("sha256sum");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree guint8 *block = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize size_mb = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 512;
  guint32 state = 1;
  FILE *out;

  if (size_mb == 0)
    size_mb = 512;

  dir = g_dir_make_tmp ("lorakeet-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "checkpoint.safetensors", NULL);

  /* Incompressible content, written once. */
  block = g_malloc (1024 * 1024);
  out = g_fopen (path, "wb");
  g_assert_nonnull (out);
  for (gsize mb = 0; mb < size_mb; mb++)
    {
      for (gsize i = 0; i < 1024 * 1024; i++)
        {
          state = state * 1664525u + 1013904223u;
          block[i] = state >> 24;
        }
      g_assert_cmpuint (fwrite (block, 1, 1024 * 1024, out), ==, 1024 * 1024);
    }
  fclose (out);
  file = g_file_new_for_path (path);

  g_print ("# SHA-256 of a %" G_GSIZE_FORMAT " MB file, warm cache, best of 3\n", size_mb);

  {
    g_autofree char *ours = NULL;
    double best = G_MAXDOUBLE;

    for (guint run = 0; run < 3; run++)
      {
        double start = now_seconds ();

        g_clear_pointer (&ours, g_free);
        ours = lk_file_sha256 (file, NULL, &error);
        g_assert_no_error (error);
        best = MIN (best, now_seconds () - start);
      }
    g_print ("lk_file_sha256  %7.3f s  %7.1f MB/s  %s\n", best, size_mb / best, ours);

    if (sha256sum != NULL)
      {
        const char *spawn_argv[] = { sha256sum, path, NULL };
        g_autofree char *theirs = NULL;

        best = G_MAXDOUBLE;
        for (guint run = 0; run < 3; run++)
          {
            double start = now_seconds ();
            int status;

            g_clear_pointer (&theirs, g_free);
            g_spawn_sync (NULL, (char **)spawn_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                          &theirs, NULL, &status, &error);
            g_assert_no_error (error);
            best = MIN (best, now_seconds () - start);
          }
        g_print ("sha256sum       %7.3f s  %7.1f MB/s  %.64s\n", best, size_mb / best, theirs);
        g_assert_true (g_str_has_prefix (theirs, ours));
      }
    else
      g_print ("sha256sum not found; nothing to compare with\n");
  }

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
