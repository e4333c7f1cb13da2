/* bench-thumbnails.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkThumbnailer against the thumbnailers a file manager would run, on the same files in the
 * same run:
 *
 *  - PNG renders as ComfyUI writes them (832×1216, smooth shading plus per-pixel noise,
 *    zlib level 4, about 1.4 MB each): ours with all cores, then gdk-pixbuf-thumbnailer
 *    and vipsthumbnail, one process per file, as many at a time as there are cores;
 *  - short H.264 MP4 clips: ours, then ffmpegthumbnailer the same way;
 *  - a 100,000-file output folder: the scan to its last batch plus the first screen (60
 *    tiles) of thumbnails already in the cache, then a walk through every thumbnail of the
 *    folder, screen by screen, watching resident memory.
 *
 * The big folder holds hard links to a hundred small PNGs (each link is its own file to
 * the store and the cache, and the set costs no disk space), dated so that they sort in
 * a known order. All thumbnails are `large` (256 px) except in the big folder (`normal`).
 * Prints the figures and the targets; asserts only that every thumbnail was made.
 *
 * Arguments: [PNG count] [clip count] [big folder size]; default 200 20 100000. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-output-store.h"
#include "lk-thumbnailer.h"

#define SCREEN_TILES 60

typedef struct
{
  GMainLoop       *loop;
  LkThumbnailer   *thumbnailer;
  LkThumbnailSize  size;
  GPtrArray       *paths;
  guint            next;
  guint            in_flight;
  guint            failed;
  guint            from_cache;
} Batch;

static double
now_seconds (void)
{
  return g_get_monotonic_time () / (double)G_USEC_PER_SEC;
}

static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* A render-like picture: shading that varies smoothly, plus sensor-like noise. */
static void
write_render (const char *path,
              guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 832, 1216);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = seed * 2654435761u + 1;
  double phase = seed * 0.7;

  for (int y = 0; y < 1216; y++)
    for (int x = 0; x < 832; x++)
      {
        double fx = x / 832.0, fy = y / 1216.0;
        int base[3] = {
          (int)(128 + 100 * sin (fx * 6 + fy * 2 + phase)),
          (int)(128 + 90 * cos (fy * 5 - fx + phase)),
          (int)(128 + 80 * sin ((fx + fy) * 4 - phase)),
        };
        guint8 *p = pixels + (gsize)y * stride + x * 3;

        for (int c = 0; c < 3; c++)
          {
            state = state * 1664525u + 1013904223u;
            p[c] = CLAMP (base[c] + (int)(state >> 29) - 4, 0, 255);
          }
      }

  gdk_pixbuf_save (pixbuf, path, "png", &error, "compression", "4", NULL);
  g_assert_no_error (error);
}

static void
write_clip (const char *path,
            guint       seed)
{
  g_autofree char *description = g_strdup_printf (
      "videotestsrc pattern=ball num-buffers=49 foreground-color=%u ! "
      "video/x-raw,width=480,height=832,framerate=16/1 ! videoconvert ! "
      "x264enc speed-preset=veryfast ! mp4mux ! filesink location=\"%s\"",
      0xff000000u | (seed * 0x3f5a17u), path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void start_next (Batch *batch);

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &error);
  batch->in_flight--;
  if (thumbnail == NULL)
    {
      g_printerr ("thumbnail failed: %s\n", error->message);
      batch->failed++;
    }
  else if (lk_thumbnail_get_source (thumbnail) != LK_THUMBNAIL_SOURCE_GENERATED)
    batch->from_cache++;

  start_next (batch);
}

static void
start_next (Batch *batch)
{
  guint max_in_flight = 2 * lk_thumbnailer_get_n_threads (batch->thumbnailer);

  while (batch->in_flight < max_in_flight && batch->next < batch->paths->len)
    {
      batch->in_flight++;
      lk_thumbnailer_load_async (batch->thumbnailer, g_ptr_array_index (batch->paths, batch->next++),
                                 batch->size, NULL, loaded_cb, batch);
    }

  if (batch->in_flight == 0 && batch->next >= batch->paths->len)
    g_main_loop_quit (batch->loop);
}

/* Thumbnails every path with @thumbnailer; returns the wall time. */
static double
run_ours (LkThumbnailer   *thumbnailer,
          GPtrArray       *paths,
          LkThumbnailSize  size,
          guint           *from_cache)
{
  Batch batch = { 0 };
  double start = now_seconds ();

  batch.loop = g_main_loop_new (NULL, FALSE);
  batch.thumbnailer = thumbnailer;
  batch.size = size;
  batch.paths = paths;
  start_next (&batch);
  if (batch.in_flight > 0)
    g_main_loop_run (batch.loop);
  g_main_loop_unref (batch.loop);

  g_assert_cmpuint (batch.failed, ==, 0);
  if (from_cache != NULL)
    *from_cache = batch.from_cache;

  return now_seconds () - start;
}

typedef struct
{
  GMainLoop  *loop;
  GPtrArray  *commands;     /* GStrv per file */
  guint       next;
  guint       running;
  guint       parallel;
  guint       failed;
} Spawner;

static void spawn_next (Spawner *spawner);

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  Spawner *spawner = user_data;

  if (!g_spawn_check_wait_status (status, NULL))
    spawner->failed++;
  g_spawn_close_pid (pid);
  spawner->running--;
  spawn_next (spawner);
}

static void
spawn_next (Spawner *spawner)
{
  while (spawner->running < spawner->parallel && spawner->next < spawner->commands->len)
    {
      char **argv = g_ptr_array_index (spawner->commands, spawner->next++);
      g_autoptr(GError) error = NULL;
      GPid pid;

      if (!g_spawn_async (NULL, argv, NULL,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                          G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, &pid, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          spawner->failed++;
          continue;
        }
      spawner->running++;
      g_child_watch_add (pid, child_exited_cb, spawner);
    }

  if (spawner->running == 0 && spawner->next >= spawner->commands->len)
    g_main_loop_quit (spawner->loop);
}

/* Runs a tool once per file, @parallel at a time, as a file manager does. */
static double
run_tool (const char *program,
          GPtrArray  *inputs,
          const char *out_dir,
          guint       parallel,
          guint      *failed)
{
  g_autofree char *path = g_find_program_in_path (program);
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  Spawner spawner = { 0 };
  double start;

  if (path == NULL)
    return -1;

  for (guint i = 0; i < inputs->len; i++)
    {
      const char *input = g_ptr_array_index (inputs, i);
      g_autofree char *name = g_strdup_printf ("%s-%u.png", program, i);
      g_autofree char *output = g_build_filename (out_dir, name, NULL);
      GStrvBuilder *builder = g_strv_builder_new ();

      g_strv_builder_add (builder, path);
      if (g_str_equal (program, "gdk-pixbuf-thumbnailer"))
        g_strv_builder_addv (builder, (const char *[]) { "-s", "256", input, output, NULL });
      else if (g_str_equal (program, "vipsthumbnail"))
        g_strv_builder_addv (builder, (const char *[]) { input, "-s", "256", "-o", output, NULL });
      else
        g_strv_builder_addv (builder, (const char *[]) { "-i", input, "-o", output, "-s", "256",
                                                         NULL });
      g_ptr_array_add (commands, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }

  spawner.loop = g_main_loop_new (NULL, FALSE);
  spawner.commands = commands;
  spawner.parallel = parallel;
  start = now_seconds ();
  spawn_next (&spawner);
  if (spawner.running > 0)
    g_main_loop_run (spawner.loop);
  g_main_loop_unref (spawner.loop);
  *failed = spawner.failed;

  return now_seconds () - start;
}

static void
print_row (const char *name,
           guint       n_files,
           double      seconds,
           double      ours,
           guint       failed)
{
  if (seconds < 0)
    {
      g_print ("  %-28s %s\n", name, "not installed");
      return;
    }

  g_print ("  %-28s %8.1f %9.2f %10.2fx%s\n", name, n_files / seconds, 1000 * seconds / n_files,
           seconds / ours, failed > 0 ? "  (some files failed)" : "");
}

static void
print_header (void)
{
  g_print ("  %-28s %8s %9s %11s\n", "", "files/s", "ms/file", "ours faster");
}

/* Only wakes the main loop up. */
static gboolean
timed_out_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  lk_output_store_load_finish (LK_OUTPUT_STORE (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (user_data);
}

static GPtrArray *
screen_paths (GListModel *model,
              guint       first)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < first + SCREEN_TILES && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkOutputItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (paths, g_strdup (lk_output_item_get_path (item)));
    }

  return paths;
}

static void
bench_big_folder (const char *root,
                  const char *cache_dir,
                  guint       n_files)
{
  g_autofree char *dir = g_build_filename (root, "big", NULL);
  g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (cache_dir);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 newest = g_get_real_time () / G_USEC_PER_SEC - 3600;
  char *bases[100];
  double start, listed, first_screen, walk_start;
  gsize peak_rss = 0;
  guint generated_from_cache = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* A hundred small renders, each linked a thousand times. */
  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      g_autofree char *name = g_strdup_printf (".base-%u.png", b);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 94);
      g_autoptr(GError) error = NULL;
      struct timespec times[2] = { { newest - b, 0 }, { newest - b, 0 } };

      bases[b] = g_build_filename (root, name, NULL);
      gdk_pixbuf_fill (pixbuf, 0x20408000u | (b * 0x020301u) | 0xff);
      gdk_pixbuf_save (pixbuf, bases[b], "png", &error, NULL);
      g_assert_no_error (error);
      g_assert_cmpint (utimensat (AT_FDCWD, bases[b], times, 0), ==, 0);
    }

  start = now_seconds ();
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("anime_image_%u_%05u_.png", i % 1000, i / 1000 + 1);
      g_autofree char *link_path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (link (bases[i % G_N_ELEMENTS (bases)], link_path), ==, 0);
    }
  g_print ("# %u-file folder created in %.1f s (hard links to 100 small PNGs)\n", n_files,
           now_seconds () - start);

  /* Warm the cache for the first screen, as an earlier session would have. */
  {
    g_autoptr(LkOutputStore) store = lk_output_store_new (dir);
    g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
    g_autoptr(GPtrArray) first = NULL;

    lk_output_store_load_async (store, NULL, store_loaded_cb, loop);
    g_main_loop_run (loop);
    first = screen_paths (G_LIST_MODEL (store), 0);
    run_ours (thumbnailer, first, LK_THUMBNAIL_SIZE_NORMAL, NULL);
  }

  /* Measured: a new store and thumbnailer, as when the gallery opens. */
  {
    g_autoptr(LkOutputStore) store = lk_output_store_new (dir);
    g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
    g_autoptr(GPtrArray) first = NULL;
    guint n_items;

    start = now_seconds ();
    lk_output_store_load_async (store, NULL, store_loaded_cb, loop);
    g_main_loop_run (loop);
    listed = now_seconds () - start;
    first = screen_paths (G_LIST_MODEL (store), 0);
    run_ours (thumbnailer, first, LK_THUMBNAIL_SIZE_NORMAL, &generated_from_cache);
    first_screen = now_seconds () - start;
    n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
    g_assert_cmpuint (n_items, ==, n_files);
    g_assert_cmpuint (generated_from_cache, ==, SCREEN_TILES);

    g_print ("# Folder of %u files: listed (last batch in) in %.3f s; first screen of %u cached "
             "thumbnails shown at %.3f s (target < 1 s: %s)\n",
             n_items, listed, SCREEN_TILES, first_screen, first_screen < 1.0 ? "met" : "NOT met");
    g_print ("# Resident memory with the %u-item store loaded: %.1f MB\n",
             n_items, read_status_kb ("VmRSS:") / 1024.0);

    /* A job finishing: its output reported with add_path, until it is at the top. */
    {
      g_autofree char *fresh = g_build_filename (dir, "anime_image_9999999999_00001_.png", NULL);
      g_autofree char *contents = NULL;
      guint position = G_MAXUINT;
      gsize length = 0;
      double added;
      guint give_up;

      g_assert_true (g_file_get_contents (bases[0], &contents, &length, NULL));
      g_assert_true (g_file_set_contents (fresh, contents, length, NULL));
      give_up = g_timeout_add_seconds (5, timed_out_cb, NULL);

      start = now_seconds ();
      lk_output_store_add_path (store, fresh);
      while (lk_output_store_find (store, fresh, &position) == NULL && now_seconds () - start < 5)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (give_up);
      added = now_seconds () - start;
      g_print ("# A finished job's file reported with add_path: at position %u after %.1f ms "
               "(target < 200 ms: %s)\n", position, added * 1000,
               position == 0 && added < 0.2 ? "met" : "NOT met");
      n_items++;
    }

    /* Scrolling end to end: each screen's thumbnails, made and saved as they come. */
    walk_start = now_seconds ();
    for (guint first_tile = 0; first_tile < n_items; first_tile += SCREEN_TILES)
      {
        g_autoptr(GPtrArray) screen = screen_paths (G_LIST_MODEL (store), first_tile);

        run_ours (thumbnailer, screen, LK_THUMBNAIL_SIZE_NORMAL, NULL);
        peak_rss = MAX (peak_rss, read_status_kb ("VmRSS:"));
      }
    g_print ("# Walked all %u thumbnails in %.1f s (%.0f files/s); resident memory peaked at "
             "%.1f MB (target < 300 MB: %s); thumbnail memory cache %.1f MB\n",
             n_items, now_seconds () - walk_start, n_items / (now_seconds () - walk_start),
             peak_rss / 1024.0, peak_rss < 300 * 1024 ? "met" : "NOT met",
             lk_thumbnailer_get_memory_usage (thumbnailer) / (1024.0 * 1024.0));
  }

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    g_free (bases[b]);
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

int
main (int   argc,
      char *argv[])
{
  guint n_png = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 200;
  guint n_clips = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 20;
  guint n_big = argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 100000;
  guint parallel = g_get_num_processors ();
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lorakeet-bench-thumbnails-XXXXXX", &error);
  g_autofree char *renders = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (g_free);
  goffset png_bytes = 0;
  double start, ours, theirs, fastest_other = -1;
  guint failed;

  g_assert_no_error (error);
  gst_init (&argc, &argv);

  /* First, while the process is small: resident memory then measures the gallery alone. */
  if (n_big > 0)
    {
      g_autofree char *cache_root = NULL;

      /* The walk writes a cache entry per file; on tmpfs, writing and deleting 100,000 of
       * them takes seconds instead of minutes. It changes no figure but the walk's speed. */
      cache_root = g_strdup ("/dev/shm/lorakeet-bench-cache-XXXXXX");
      if (g_mkdtemp (cache_root) == NULL)
        {
          g_free (cache_root);
          cache_root = g_build_filename (root, "cache-big", NULL);
        }

      bench_big_folder (root, cache_root, n_big);
      start = now_seconds ();
      remove_tree (cache_root);
      remove_tree (root);
      g_assert_cmpint (g_mkdir_with_parents (root, 0700), ==, 0);
      g_print ("# Cleaned up in %.1f s\n\n", now_seconds () - start);
    }

  /* The tools and ours read the same files, so they start equally warm. */
  renders = g_build_filename (root, "output", NULL);
  out = g_build_filename (root, "tools", NULL);
  g_assert_cmpint (g_mkdir_with_parents (renders, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (out, 0755), ==, 0);

  start = now_seconds ();
  for (guint i = 0; i < n_png; i++)
    {
      g_autofree char *name = g_strdup_printf ("anime_image_%u_00001_.png", 1718000000 + i);
      char *path = g_build_filename (renders, name, NULL);
      GStatBuf st;

      write_render (path, i);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      png_bytes += st.st_size;
      g_ptr_array_add (pngs, path);
    }
  for (guint i = 0; i < n_clips; i++)
    {
      g_autofree char *name = g_strdup_printf ("anime_video_%u_00001.mp4", 1718000000 + i);
      char *path = g_build_filename (renders, name, NULL);

      write_clip (path, i + 1);
      g_ptr_array_add (clips, path);
    }
  if (n_png + n_clips > 0)
    g_print ("# Made %u PNGs (832x1216, level 4, %.2f MB on average) and %u H.264 clips "
             "(480x832, 16 fps, 3 s) in %.1f s; %u cores\n",
             n_png, png_bytes / (double)MAX (n_png, 1) / 1e6, n_clips, now_seconds () - start,
             parallel);

  if (n_png > 0)
    {
      g_autofree char *cache_dir = g_build_filename (root, "cache-png", NULL);
      g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (cache_dir);
      g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
      const char *tools[] = { "gdk-pixbuf-thumbnailer", "vipsthumbnail" };

      ours = run_ours (thumbnailer, pngs, LK_THUMBNAIL_SIZE_LARGE, NULL);
      g_print ("\n# PNG thumbnails at 256 px, written to a thumbnail cache; tools run %u at a "
               "time\n", parallel);
      print_header ();
      print_row ("lorakeet (LkThumbnailer)", n_png, ours, ours, 0);
      for (guint t = 0; t < G_N_ELEMENTS (tools); t++)
        {
          theirs = run_tool (tools[t], pngs, out, parallel, &failed);
          print_row (tools[t], n_png, theirs, ours, failed);
          if (theirs > 0 && (fastest_other < 0 || theirs < fastest_other))
            fastest_other = theirs;
        }
      if (fastest_other > 0)
        g_print ("# Target: at least 1.5x the faster of them: %.2fx (%s)\n", fastest_other / ours,
                 fastest_other / ours >= 1.5 ? "met" : "NOT met");
    }

  if (n_clips > 0)
    {
      g_autofree char *cache_dir = g_build_filename (root, "cache-clips", NULL);
      g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (cache_dir);
      g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);

      ours = run_ours (thumbnailer, clips, LK_THUMBNAIL_SIZE_LARGE, NULL);
      g_print ("\n# Clip thumbnails at 256 px (a frame 10%% in); tools run %u at a time\n",
               parallel);
      print_header ();
      print_row ("lorakeet (LkThumbnailer)", n_clips, ours, ours, 0);
      theirs = run_tool ("ffmpegthumbnailer", clips, out, parallel, &failed);
      print_row ("ffmpegthumbnailer", n_clips, theirs, ours, failed);
      if (theirs > 0)
        g_print ("# Target: at least as fast as ffmpegthumbnailer: %.2fx (%s)\n", theirs / ours,
                 theirs >= ours ? "met" : "NOT met");
    }

  start = now_seconds ();
  remove_tree (root);
  g_print ("# Cleaned up in %.1f s\n", now_seconds () - start);

  return 0;
}
