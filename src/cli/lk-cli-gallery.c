/* lk-cli-gallery.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-cli-verbs.h"
#include "lk-output-scanner.h"
#include "lk-thumbnailer.h"

typedef struct
{
  GMainLoop       *loop;
  LkThumbnailer   *thumbnailer;
  LkThumbnailSize  size;
  GPtrArray       *paths;        /* newest first */
  GPtrArray       *problems;     /* from the scan */
  GPtrArray       *failures;     /* path, reason, path, reason… */
  GHashTable      *warnings;     /* distinct warnings, such as an unwritable cache */
  guint            next;
  guint            in_flight;
  guint            made;
  guint            reused;
} ThumbnailRun;

typedef struct
{
  ThumbnailRun *run;
  const char   *path;
} Request;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return lk_output_item_compare (*(LkOutputItem **)a, *(LkOutputItem **)b);
}

static void
collect_batch (LkOutputBatch *batch,
               gpointer       user_data)
{
  GPtrArray *found = ((gpointer *)user_data)[0];
  GPtrArray *problems = ((gpointer *)user_data)[1];

  for (guint i = 0; i < batch->items->len; i++)
    g_ptr_array_add (found, g_object_ref (g_ptr_array_index (batch->items, i)));

  /* Files that look unfinished are thumbnailed too: the thumbnailer says what is wrong. */
  for (guint i = 0; i < batch->incomplete->len; i++)
    {
      const char *path = g_ptr_array_index (batch->incomplete, i);

      g_ptr_array_add (found, lk_output_item_new (path, G_MAXINT64, 0,
                                                  lk_media_kind_guess (path), FALSE));
    }

  for (guint i = 0; i < batch->problems->len; i++)
    g_ptr_array_add (problems, g_strdup (g_ptr_array_index (batch->problems, i)));

  lk_output_batch_free (batch);
}

static void start_next (ThumbnailRun *run);

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Request *request = user_data;
  ThumbnailRun *run = request->run;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &error);
  run->in_flight--;

  if (thumbnail == NULL)
    {
      g_ptr_array_add (run->failures, g_strdup (request->path));
      g_ptr_array_add (run->failures, g_strdup (error->message));
    }
  else if (lk_thumbnail_get_source (thumbnail) == LK_THUMBNAIL_SOURCE_GENERATED)
    run->made++;
  else
    run->reused++;

  if (thumbnail != NULL && lk_thumbnail_get_warning (thumbnail) != NULL)
    g_hash_table_add (run->warnings, g_strdup (lk_thumbnail_get_warning (thumbnail)));

  g_free (request);
  start_next (run);
}

/* Keeps every decoding thread busy without queueing the whole folder at once. */
static void
start_next (ThumbnailRun *run)
{
  guint max_in_flight = 2 * lk_thumbnailer_get_n_threads (run->thumbnailer);

  while (run->in_flight < max_in_flight && run->next < run->paths->len)
    {
      Request *request = g_new0 (Request, 1);

      request->run = run;
      request->path = g_ptr_array_index (run->paths, run->next++);
      run->in_flight++;
      lk_thumbnailer_load_async (run->thumbnailer, request->path, run->size, NULL,
                                 thumbnail_loaded_cb, request);
    }

  if (run->in_flight == 0 && run->next >= run->paths->len)
    g_main_loop_quit (run->loop);
}

static void
print_json (ThumbnailRun *run,
            const char   *directory,
            double        seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "directory");
  json_builder_add_string_value (builder, directory);
  json_builder_set_member_name (builder, "size");
  json_builder_add_string_value (builder, lk_thumbnail_size_get_name (run->size));
  json_builder_set_member_name (builder, "cache");
  json_builder_add_string_value (builder,
                                 lk_thumbnail_cache_get_base_dir (lk_thumbnailer_get_cache (run->thumbnailer)));
  json_builder_set_member_name (builder, "files");
  json_builder_add_int_value (builder, run->paths->len);
  json_builder_set_member_name (builder, "made");
  json_builder_add_int_value (builder, run->made);
  json_builder_set_member_name (builder, "reused");
  json_builder_add_int_value (builder, run->reused);
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, run->failures->len / 2);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, seconds);

  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < run->failures->len; i += 2)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, g_ptr_array_index (run->failures, i));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, g_ptr_array_index (run->failures, i + 1));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (run->problems, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, run->warnings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    json_builder_add_string_value (builder, key);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  lk_cli_print_json (root);
}

static void
print_text (ThumbnailRun *run,
            const char   *directory,
            double        seconds)
{
  GHashTableIter iter;
  gpointer key;

  /* Translators: size name, file count, folder */
  printf (_("Thumbnails (%s) for %u files in %s\n"),
          lk_thumbnail_size_get_name (run->size), run->paths->len, directory);
  printf (_("  %u made, %u reused, %u failed in %.2f s (%.1f files/s)\n"),
          run->made, run->reused, run->failures->len / 2, seconds,
          seconds > 0 ? run->paths->len / seconds : 0.0);

  if (run->failures->len > 0)
    printf ("%s\n", _("Failed:"));
  for (guint i = 0; i + 1 < run->failures->len; i += 2)
    printf ("  %s: %s\n", (char *)g_ptr_array_index (run->failures, i),
            (char *)g_ptr_array_index (run->failures, i + 1));

  if (run->problems->len > 0)
    printf ("%s\n", _("Not read:"));
  for (guint i = 0; i < run->problems->len; i++)
    printf ("  %s\n", (char *)g_ptr_array_index (run->problems, i));

  g_hash_table_iter_init (&iter, run->warnings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    fprintf (stderr, "lorakeet-cli: %s\n", (char *)key);
}

int
lk_cli_thumbnails (LkCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autofree char *size_name = NULL;
  g_autofree char *directory = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ThumbnailRun run = { 0 };
  gpointer collected[2];
  gint64 start;
  double seconds;
  int status;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_name,
      N_("Thumbnail size: normal, large (the default), x-large or xx-large"), N_("SIZE") },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, _("DIR"),
                             _("Fill the shared thumbnail cache for the pictures and clips in a "
                               "folder and its subfolders")))
    return LK_CLI_EXIT_USAGE;

  run.size = LK_THUMBNAIL_SIZE_LARGE;
  if (argc != 2 || (size_name != NULL && !lk_thumbnail_size_from_name (size_name, &run.size)))
    {
      fprintf (stderr, "%s\n",
               argc != 2 ? _("lorakeet-cli thumbnails: give one folder")
                         : _("lorakeet-cli thumbnails: --size is normal, large, x-large or xx-large"));
      return LK_CLI_EXIT_USAGE;
    }

  directory = g_canonicalize_filename (argv[1], NULL);
  run.problems = g_ptr_array_new_with_free_func (g_free);
  start = g_get_monotonic_time ();

  /* The gallery's own scan: same files, same order (newest first). */
  collected[0] = found;
  collected[1] = run.problems;
  if (!lk_output_scan (directory, collect_batch, collected, NULL, &error))
    {
      g_ptr_array_unref (run.problems);
      lk_cli_print_error (error);
      return LK_CLI_EXIT_USAGE;
    }
  g_ptr_array_sort (found, compare_items);

  run.paths = g_ptr_array_new ();
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (run.paths, (gpointer)lk_output_item_get_path (g_ptr_array_index (found, i)));
  run.failures = g_ptr_array_new_with_free_func (g_free);
  run.warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.thumbnailer = lk_thumbnailer_new (NULL);
  run.loop = g_main_loop_new (NULL, FALSE);

  start_next (&run);
  if (run.in_flight > 0)
    g_main_loop_run (run.loop);

  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  if (ctx->json)
    print_json (&run, directory, seconds);
  else
    print_text (&run, directory, seconds);

  status = run.failures->len > 0 || g_hash_table_size (run.warnings) > 0
           ? LK_CLI_EXIT_FAILED : LK_CLI_EXIT_OK;

  g_main_loop_unref (run.loop);
  g_object_unref (run.thumbnailer);
  g_hash_table_unref (run.warnings);
  g_ptr_array_unref (run.failures);
  g_ptr_array_unref (run.paths);
  g_ptr_array_unref (run.problems);

  return status;
}
