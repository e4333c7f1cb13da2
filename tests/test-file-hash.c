/* test-file-hash.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lk-file-hash.h"

/* Iterates the main context until the callback ran, failing after 30 s. */

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for an async operation");
  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  guint timeout_id = g_timeout_add_seconds (30, timeout_cb, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  return *slot;
}

static char *
write_temp_file (const char *name,
                 const void *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_sha256_known_vectors (void)
{
  static const struct { const char *text; const char *hex; } vectors[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = write_temp_file ("vector", vectors[i].text, strlen (vectors[i].text));
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *hex = lk_file_sha256 (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (hex, ==, vectors[i].hex);
      g_unlink (path);
    }
}

static void
test_sha256_large_file_matches_gchecksum (void)
{
  /* Not a multiple of the block size, so the last partial block counts too. */
  gsize length = 24 * 1024 * 1024 + 12345;
  g_autofree guint8 *data = g_malloc (length);
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hex = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint32 state = 12345;

  for (gsize i = 0; i < length; i++)
    {
      state = state * 1103515245u + 12345u;
      data[i] = state >> 24;
    }

  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  path = write_temp_file ("large.bin", data, length);
  file = g_file_new_for_path (path);

  lk_file_sha256_async (file, NULL, store_result_cb, &result);
  hex = lk_file_sha256_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, expected);
  g_unlink (path);
}

static void
test_sha256_errors (void)
{
  g_autofree char *path = write_temp_file ("to-hash.bin", "0123456789", 10);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/lorakeet/mei.safetensors");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;

  hex = lk_file_sha256 (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (hex);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  lk_file_sha256_async (file, cancellable, store_result_cb, &result);
  hex = lk_file_sha256_finish (wait_for_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hex);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/file-hash/sha256/known-vectors", test_sha256_known_vectors);
  g_test_add_func ("/file-hash/sha256/large-file-matches-gchecksum", test_sha256_large_file_matches_gchecksum);
  g_test_add_func ("/file-hash/sha256/errors-and-cancel", test_sha256_errors);

  return g_test_run ();
}
