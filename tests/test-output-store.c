/* test-output-store.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-output-scanner.h"
#include "lk-output-store.h"

#define WAIT_TIMEOUT_SECONDS 20

typedef gboolean (*Condition) (gpointer data);

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds; fails the test after a while. */
static void
wait_for (Condition condition,
          gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

static GBytes *
png_bytes (int size)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

/* An MP4 as far as box structure goes: ftyp, mdat, moov, ending exactly at the end. */
static GBytes *
mp4_skeleton (void)
{
  static const guint8 data[] = {
    0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
    0, 0, 0, 12, 'm', 'd', 'a', 't', 1, 2, 3, 4,
    0, 0, 0, 8, 'm', 'o', 'o', 'v',
  };

  return g_bytes_new_static (data, sizeof data);
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Writes a file with plain write(2) calls, as ComfyUI's PIL does (no rename). */
static void
write_in_place (const char *path,
                GBytes     *bytes,
                gsize       from,
                gsize       to)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data + from, to - from), ==, (gssize)(to - from));
  close (fd);
}

static void
set_mtime (const char *path,
           gint64      seconds)
{
  struct timespec times[2] = { { seconds, 0 }, { seconds, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

static char *
make_output_dir (void)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "output", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return dir;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} LoadResult;

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadResult *load = user_data;

  lk_output_store_load_finish (LK_OUTPUT_STORE (object), result, &load->error);
  load->done = TRUE;
}

static gboolean
load_is_done (gpointer data)
{
  return ((LoadResult *)data)->done;
}

/* Loads @store and returns what load_finish said. */
static GError *
load (LkOutputStore *store)
{
  LoadResult result = { FALSE, NULL };

  lk_output_store_load_async (store, NULL, load_done_cb, &result);
  wait_for (load_is_done, &result);
  g_assert_false (lk_output_store_get_loading (store));

  return result.error;
}

static LkOutputStore *
load_store (const char *dir)
{
  LkOutputStore *store = lk_output_store_new (dir);
  g_autoptr(GError) error = load (store);

  g_assert_no_error (error);

  return store;
}

static LkOutputItem *
item_at (LkOutputStore *store,
         guint          position)
{
  g_autoptr(LkOutputItem) item = g_list_model_get_item (G_LIST_MODEL (store), position);

  return item;   /* the store keeps it alive */
}

static gboolean
problems_mention (LkOutputStore *store,
                  const char    *text)
{
  g_auto(GStrv) problems = lk_output_store_dup_problems (store);

  for (guint i = 0; problems[i] != NULL; i++)
    {
      if (strstr (problems[i], text) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Creates @name under @dir holding @bytes, dated @age seconds ago. */
static char *
add_old_file (const char *dir,
              const char *name,
              GBytes     *bytes,
              gint64      age)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  write_file (path, bytes);
  set_mtime (path, g_get_real_time () / G_USEC_PER_SEC - age);

  return path;
}

static void
test_item_parses_comfyui_names (void)
{
  static const struct
  {
    const char *name;
    const char *prefix;
    int         counter;
    LkMediaKind kind;
  } cases[] = {
    { "anime_image_1718000000_00001_.png", "anime_image_1718000000", 1, LK_MEDIA_KIND_IMAGE },
    { "anime_video_1718000000_00012.mp4", "anime_video_1718000000", 12, LK_MEDIA_KIND_VIDEO },
    { "AnimateDiff_00004-audio.mp4", "AnimateDiff", 4, LK_MEDIA_KIND_VIDEO },
    { "AnimateDiff_00004.png", "AnimateDiff", 4, LK_MEDIA_KIND_IMAGE },
    { "clip.webm", NULL, -1, LK_MEDIA_KIND_VIDEO },
    { "loop.GIF", NULL, -1, LK_MEDIA_KIND_VIDEO },
    { "photo.JPG", NULL, -1, LK_MEDIA_KIND_IMAGE },
    { "_00001_.png", NULL, -1, LK_MEDIA_KIND_IMAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename ("/out/sub", cases[i].name, NULL);
      g_autoptr(LkOutputItem) item = lk_output_item_new (path, 5, 10, lk_media_kind_guess (path),
                                                         FALSE);
      g_autofree char *prefix = lk_output_item_dup_prefix (item);

      g_assert_cmpstr (lk_output_item_get_basename (item), ==, cases[i].name);
      g_assert_cmpstr (prefix, ==, cases[i].prefix);
      g_assert_cmpint (lk_output_item_get_counter (item), ==, cases[i].counter);
      g_assert_cmpint (lk_output_item_get_kind (item), ==, cases[i].kind);
    }

  g_assert_cmpint (lk_media_kind_guess ("/out/notes.txt"), ==, LK_MEDIA_KIND_NONE);
  g_assert_cmpint (lk_media_kind_guess ("/out/.x.png.tmp"), ==, LK_MEDIA_KIND_NONE);
  g_assert_cmpint (lk_media_kind_guess ("/out/.hidden.png"), ==, LK_MEDIA_KIND_NONE);
}

static void
test_item_filters (void)
{
  g_autoptr(LkOutputItem) image = lk_output_item_new ("/o/a_00001.png", 100, 1,
                                                      LK_MEDIA_KIND_IMAGE, TRUE);
  g_autoptr(LkOutputItem) video = lk_output_item_new ("/o/a_00001.mp4", 200, 1,
                                                      LK_MEDIA_KIND_VIDEO, FALSE);

  g_assert_true (lk_output_item_matches_kind (video, LK_MEDIA_KIND_VIDEO, FALSE));
  g_assert_false (lk_output_item_matches_kind (video, LK_MEDIA_KIND_IMAGE, TRUE));
  g_assert_true (lk_output_item_matches_kind (video, LK_MEDIA_KIND_NONE, FALSE));
  g_assert_false (lk_output_item_matches_kind (image, LK_MEDIA_KIND_IMAGE, FALSE));
  g_assert_true (lk_output_item_matches_kind (image, LK_MEDIA_KIND_IMAGE, TRUE));

  g_assert_true (lk_output_item_matches_date (image, 100, 101));
  g_assert_false (lk_output_item_matches_date (image, 101, G_MAXINT64));
  g_assert_false (lk_output_item_matches_date (video, G_MININT64, 200));
  g_assert_cmpint (lk_output_item_compare (video, image), <, 0);
}

static void
test_completeness_reads_end_markers (void)
{
  static const guint8 ftyp_only[] = { 0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
                                      0, 0, 0, 0, 'm', 'd', 'a', 't', 1, 2, 3 };
  g_autoptr(GBytes) png = png_bytes (16);
  g_autoptr(GBytes) mp4 = mp4_skeleton ();
  g_autofree char *dir = make_output_dir ();
  g_autofree char *png_path = g_build_filename (dir, "a.png", NULL);
  g_autofree char *half_path = g_build_filename (dir, "b.png", NULL);
  g_autofree char *mp4_path = g_build_filename (dir, "c.mp4", NULL);
  g_autofree char *open_mp4_path = g_build_filename (dir, "d.mp4", NULL);
  g_autofree char *text_path = g_build_filename (dir, "e.webm", NULL);
  g_autoptr(LkOutputProbe) whole = NULL;
  g_autoptr(LkOutputProbe) half = NULL;
  g_autoptr(LkOutputProbe) movie = NULL;
  g_autoptr(LkOutputProbe) open_movie = NULL;
  g_autoptr(LkOutputProbe) unknown = NULL;
  g_autoptr(LkOutputProbe) missing = NULL;
  g_autoptr(GError) error = NULL;

  write_file (png_path, png);
  write_in_place (half_path, png, 0, g_bytes_get_size (png) / 2);
  write_file (mp4_path, mp4);
  g_file_set_contents (open_mp4_path, (const char *)ftyp_only, sizeof ftyp_only, &error);
  g_assert_no_error (error);
  g_file_set_contents (text_path, "\x1a\x45\xdf\xa3\x81", 5, &error);
  g_assert_no_error (error);

  whole = lk_output_probe (png_path);
  half = lk_output_probe (half_path);
  movie = lk_output_probe (mp4_path);
  open_movie = lk_output_probe (open_mp4_path);
  unknown = lk_output_probe (text_path);
  missing = lk_output_probe ("/nonexistent/x.png");

  g_assert_cmpint (whole->completeness, ==, LK_FILE_COMPLETENESS_COMPLETE);
  g_assert_cmpint (whole->kind, ==, LK_MEDIA_KIND_IMAGE);
  g_assert_cmpint (half->completeness, ==, LK_FILE_COMPLETENESS_INCOMPLETE);
  g_assert_cmpint (movie->completeness, ==, LK_FILE_COMPLETENESS_COMPLETE);
  g_assert_cmpint (open_movie->completeness, ==, LK_FILE_COMPLETENESS_INCOMPLETE);
  g_assert_cmpint (unknown->completeness, ==, LK_FILE_COMPLETENESS_UNKNOWN);
  g_assert_false (missing->exists);
}

static void
test_scan_newest_first_recursive (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autoptr(LkOutputStore) store = NULL;
  g_autofree char *a = add_old_file (dir, "anime_image_1_00001_.png", png, 300);
  g_autofree char *b = add_old_file (dir, "2026-01-05/anime_image_2_00001_.png", png, 200);
  g_autofree char *c = add_old_file (dir, "2026-01-05/deep/er/anime_image_3_00001_.png", png, 100);
  g_autofree char *d = add_old_file (dir, "notes.txt", png, 50);
  g_autofree char *e = add_old_file (dir, ".hidden/anime_image_4_00001_.png", png, 10);

  store = load_store (dir);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpstr (lk_output_item_get_path (item_at (store, 0)), ==, c);
  g_assert_cmpstr (lk_output_item_get_path (item_at (store, 1)), ==, b);
  g_assert_cmpstr (lk_output_item_get_path (item_at (store, 2)), ==, a);
  g_assert_cmpint (lk_output_item_get_size (item_at (store, 0)), ==, g_bytes_get_size (png));
  /* The top folder and its three subfolders are watched. */
  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 4);
  g_assert_null (lk_output_store_find (store, d, NULL));
  g_assert_null (lk_output_store_find (store, e, NULL));
}

typedef struct
{
  guint n_signals;
  guint n_items;
} ChangeCount;

static void
count_changes_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  ChangeCount *count)
{
  count->n_signals++;
  count->n_items = g_list_model_get_n_items (model);
}

static void
test_scan_fills_in_batches (void)
{
  g_autoptr(GBytes) png = png_bytes (4);
  g_autofree char *dir = make_output_dir ();
  g_autoptr(LkOutputStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ChangeCount count = { 0, 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const guint n_files = 5000;

  /* More than one scan batch holds (4096 files). */
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("anime_image_%u_00001_.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      write_in_place (path, png, 0, g_bytes_get_size (png));
      set_mtime (path, now - 1000 - i);
    }

  store = lk_output_store_new (dir);
  g_signal_connect (store, "items-changed", G_CALLBACK (count_changes_cb), &count);
  error = load (store);
  g_assert_no_error (error);

  g_assert_cmpuint (count.n_items, ==, n_files);
  /* Batched: more than one signal (the first batch comes early), far fewer than files. */
  g_assert_cmpuint (count.n_signals, >=, 2);
  g_assert_cmpuint (count.n_signals, <=, n_files / 100);

  for (guint i = 0; i + 1 < n_files; i++)
    g_assert_cmpint (lk_output_item_compare (item_at (store, i), item_at (store, i + 1)), <, 0);
  g_assert_true (g_str_has_suffix (lk_output_item_get_path (item_at (store, 0)),
                                   "/anime_image_0_00001_.png"));
}

static void
test_scan_survives_symlink_loops (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autoptr(LkOutputStore) store = NULL;
  g_autofree char *a = add_old_file (dir, "a_00001_.png", png, 100);
  g_autofree char *b = add_old_file (dir, "sub/b_00001_.png", png, 90);
  g_autofree char *back = g_build_filename (dir, "sub", "back", NULL);
  g_autofree char *self_link = g_build_filename (dir, "self.png", NULL);

  g_assert_cmpint (symlink ("..", back), ==, 0);
  g_assert_cmpint (symlink ("self.png", self_link), ==, 0);

  store = load_store (dir);

  /* Each file exactly once, whatever the links say. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_nonnull (lk_output_store_find (store, a, NULL));
  g_assert_nonnull (lk_output_store_find (store, b, NULL));
  g_assert_true (problems_mention (store, "loop of symbolic links"));
  g_assert_true (problems_mention (store, "self.png"));
}

static void
test_scan_reports_unreadable_entries (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autoptr(LkOutputStore) store = NULL;
  g_autofree char *a = add_old_file (dir, "a_00001_.png", png, 100);
  g_autofree char *b = add_old_file (dir, "locked/b_00001_.png", png, 90);
  g_autofree char *locked = g_path_get_dirname (b);
  g_autofree char *dangling = g_build_filename (dir, "gone_00002_.png", NULL);
  gboolean locked_out = geteuid () != 0;

  g_assert_cmpint (symlink ("/nonexistent/file.png", dangling), ==, 0);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  store = load_store (dir);

  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);

  g_assert_nonnull (lk_output_store_find (store, a, NULL));
  g_assert_true (problems_mention (store, "gone_00002_.png"));
  /* Permissions do not stop the super-user; elsewhere the locked folder is a problem. */
  if (locked_out)
    {
      g_assert_true (problems_mention (store, "locked"));
      g_assert_null (lk_output_store_find (store, b, NULL));
    }
}

static void
test_scan_missing_folder_fails (void)
{
  g_autoptr(LkOutputStore) store = lk_output_store_new ("/nonexistent/lorakeet/output");
  g_autoptr(GError) error = load (store);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

typedef struct
{
  LkOutputStore *store;
  const char    *path;
} Lookup;

static gboolean
is_shown (gpointer data)
{
  Lookup *lookup = data;

  return lk_output_store_find (lookup->store, lookup->path, NULL) != NULL;
}

static gboolean
is_gone (gpointer data)
{
  return !is_shown (data);
}

static gboolean
is_first_frame (gpointer data)
{
  Lookup *lookup = data;
  LkOutputItem *item = lk_output_store_find (lookup->store, lookup->path, NULL);

  return item != NULL && lk_output_item_get_first_frame (item);
}

static void
test_monitor_file_appears (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *old = add_old_file (dir, "old_00001_.png", png, 100);
  g_autofree char *renamed = g_build_filename (dir, "new_00001_.png", NULL);
  g_autofree char *in_place = g_build_filename (dir, "new_00002_.png", NULL);
  g_autoptr(LkOutputStore) store = load_store (dir);
  Lookup lookup = { store, renamed };
  guint position = G_MAXUINT;

  /* Written beside and renamed into place. */
  write_file (renamed, png);
  wait_for (is_shown, &lookup);
  lk_output_store_find (store, renamed, &position);
  g_assert_cmpuint (position, ==, 0);

  /* Written in place, then closed. */
  lookup.path = in_place;
  write_in_place (in_place, png, 0, g_bytes_get_size (png));
  wait_for (is_shown, &lookup);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (lk_output_store_find (store, old, &position) != NULL);
  g_assert_cmpuint (position, ==, 2);
}

static void
test_monitor_file_deleted (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *a = add_old_file (dir, "a_00001_.png", png, 100);
  g_autofree char *b = add_old_file (dir, "sub/b_00001_.png", png, 90);
  g_autofree char *sub = g_path_get_dirname (b);
  g_autoptr(LkOutputStore) store = load_store (dir);
  Lookup lookup = { store, a };

  g_assert_cmpint (g_unlink (a), ==, 0);
  wait_for (is_gone, &lookup);

  /* A whole subfolder going away takes its files along. */
  lookup.path = b;
  g_assert_cmpint (g_unlink (b), ==, 0);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
  wait_for (is_gone, &lookup);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

typedef struct
{
  LkOutputStore *store;
  const char    *path;
  gsize          size;
} Change;

static gboolean
is_changed_on_top (gpointer data)
{
  Change *change = data;
  guint position = G_MAXUINT;
  LkOutputItem *item = lk_output_store_find (change->store, change->path, &position);

  return item != NULL && position == 0 && lk_output_item_get_size (item) == change->size;
}

static void
test_monitor_file_changed (void)
{
  g_autoptr(GBytes) small = png_bytes (8);
  g_autoptr(GBytes) large = png_bytes (96);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *a = add_old_file (dir, "a_00001_.png", small, 200);
  g_autofree char *b = add_old_file (dir, "b_00001_.png", small, 100);
  g_autoptr(LkOutputStore) store = load_store (dir);
  Change change = { store, a, g_bytes_get_size (large) };
  guint position = G_MAXUINT;

  lk_output_store_find (store, a, &position);
  g_assert_cmpuint (position, ==, 1);

  /* Overwritten in place: the newest file now, with its new size. */
  g_assert_cmpint (truncate (a, 0), ==, 0);
  write_in_place (a, large, 0, g_bytes_get_size (large));
  wait_for (is_changed_on_top, &change);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_nonnull (lk_output_store_find (store, b, NULL));
}

static void
test_scan_cancelled (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *a = add_old_file (dir, "a_00001_.png", png, 100);
  g_autoptr(LkOutputStore) store = lk_output_store_new (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadResult result = { FALSE, NULL };

  g_cancellable_cancel (cancellable);
  lk_output_store_load_async (store, cancellable, load_done_cb, &result);
  wait_for (load_is_done, &result);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 0);
  g_assert_false (lk_output_store_get_loading (store));
  g_assert_false (problems_mention (store, "not shown live"));
  g_assert_null (lk_output_store_find (store, a, NULL));
}

static void
test_monitor_waits_for_complete_file (void)
{
  g_autoptr(GBytes) png = png_bytes (64);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *partial = g_build_filename (dir, "slow_00001_.png", NULL);
  g_autofree char *other = g_build_filename (dir, "fast_00001_.png", NULL);
  g_autoptr(LkOutputStore) store = load_store (dir);
  gsize half = g_bytes_get_size (png) / 2;
  Lookup lookup = { store, other };

  /* The writer has written half and closed the file: it is cut short, not finished. */
  write_in_place (partial, png, 0, half);

  /* Another file written after it shows up; by then the partial one has been looked at
   * and must still be hidden. */
  write_file (other, png);
  wait_for (is_shown, &lookup);
  g_assert_null (lk_output_store_find (store, partial, NULL));

  write_in_place (partial, png, half, g_bytes_get_size (png));
  lookup.path = partial;
  wait_for (is_shown, &lookup);
  g_assert_cmpint (lk_output_item_get_size (lk_output_store_find (store, partial, NULL)), ==,
                   g_bytes_get_size (png));
}

static void
test_monitor_new_subfolder (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *sub = g_build_filename (dir, "2026-02-01", NULL);
  g_autofree char *path = g_build_filename (sub, "anime_image_9_00001_.png", NULL);
  g_autoptr(LkOutputStore) store = load_store (dir);
  Lookup lookup = { store, path };

  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 1);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_file (path, png);
  wait_for (is_shown, &lookup);
  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 2);
}

static void
test_add_path_inserts_at_once (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *path = g_build_filename (dir, "anime_image_5_00001_.png", NULL);
  g_autofree char *outside = g_build_filename (g_get_user_data_dir (), "elsewhere.png", NULL);
  g_autoptr(LkOutputStore) store = lk_output_store_new (dir);
  g_autoptr(GError) error = NULL;
  Lookup lookup = { store, path };

  /* No folder watch at all: only add_path can make the file appear. */
  lk_output_store_set_max_monitors (store, 0);
  error = load (store);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 0);
  g_assert_true (problems_mention (store, "watches at most 0 folders"));

  write_file (path, png);
  write_file (outside, png);
  lk_output_store_add_path (store, outside);
  lk_output_store_add_path (store, path);
  wait_for (is_shown, &lookup);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_null (lk_output_store_find (store, outside, NULL));
}

static void
test_first_frame_png_follows_its_clip (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autoptr(GBytes) mp4 = mp4_skeleton ();
  g_autofree char *dir = make_output_dir ();
  g_autofree char *frame = add_old_file (dir, "anime_video_7_00001.png", png, 100);
  g_autofree char *still = add_old_file (dir, "anime_image_7_00001_.png", png, 100);
  g_autofree char *clip = add_old_file (dir, "anime_video_7_00001.mp4", mp4, 100);
  g_autofree char *late_frame = add_old_file (dir, "anime_video_8_00001.png", png, 50);
  g_autofree char *late_clip = g_build_filename (dir, "anime_video_8_00001.mp4", NULL);
  g_autoptr(LkOutputStore) store = load_store (dir);
  Lookup lookup = { store, late_frame };

  g_assert_true (lk_output_item_get_first_frame (lk_output_store_find (store, frame, NULL)));
  g_assert_false (lk_output_item_get_first_frame (lk_output_store_find (store, still, NULL)));
  g_assert_false (lk_output_item_get_first_frame (lk_output_store_find (store, clip, NULL)));
  g_assert_false (lk_output_item_get_first_frame (lk_output_store_find (store, late_frame, NULL)));

  /* The clip arrives after its PNG: the PNG becomes a first frame. */
  write_file (late_clip, mp4);
  lk_output_store_add_path (store, late_clip);
  wait_for (is_first_frame, &lookup);
  g_assert_nonnull (lk_output_store_find (store, late_clip, NULL));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
}

static void
test_monitor_limit_is_reported (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autofree char *dir = make_output_dir ();
  g_autofree char *a = add_old_file (dir, "one/a_00001_.png", png, 100);
  g_autofree char *b = add_old_file (dir, "two/b_00001_.png", png, 100);
  g_autoptr(LkOutputStore) store = lk_output_store_new (dir);
  g_autoptr(GError) error = NULL;

  lk_output_store_set_max_monitors (store, 2);
  error = load (store);
  g_assert_no_error (error);

  /* Listed all the same; not all watched, and the artist is told. */
  g_assert_nonnull (lk_output_store_find (store, a, NULL));
  g_assert_nonnull (lk_output_store_find (store, b, NULL));
  g_assert_cmpuint (lk_output_store_get_n_monitors (store), ==, 2);
  g_assert_true (problems_mention (store, "watches at most 2 folders"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/output-store/item/parses-comfyui-names", test_item_parses_comfyui_names);
  g_test_add_func ("/output-store/item/filters-by-kind-and-date", test_item_filters);
  g_test_add_func ("/output-store/completeness/reads-end-markers",
                   test_completeness_reads_end_markers);
  g_test_add_func ("/output-store/scan/newest-first-recursive", test_scan_newest_first_recursive);
  g_test_add_func ("/output-store/scan/fills-in-batches", test_scan_fills_in_batches);
  g_test_add_func ("/output-store/scan/survives-symlink-loops", test_scan_survives_symlink_loops);
  g_test_add_func ("/output-store/scan/reports-unreadable-entries",
                   test_scan_reports_unreadable_entries);
  g_test_add_func ("/output-store/scan/missing-folder-fails", test_scan_missing_folder_fails);
  g_test_add_func ("/output-store/scan/cancelled", test_scan_cancelled);
  g_test_add_func ("/output-store/monitor/file-appears", test_monitor_file_appears);
  g_test_add_func ("/output-store/monitor/file-deleted", test_monitor_file_deleted);
  g_test_add_func ("/output-store/monitor/file-changed-moves-to-top", test_monitor_file_changed);
  g_test_add_func ("/output-store/monitor/waits-for-complete-file",
                   test_monitor_waits_for_complete_file);
  g_test_add_func ("/output-store/monitor/new-subfolder", test_monitor_new_subfolder);
  g_test_add_func ("/output-store/monitor/limit-is-reported", test_monitor_limit_is_reported);
  g_test_add_func ("/output-store/add-path/inserts-at-once", test_add_path_inserts_at_once);
  g_test_add_func ("/output-store/first-frame/follows-its-clip",
                   test_first_frame_png_follows_its_clip);

  return g_test_run ();
}
