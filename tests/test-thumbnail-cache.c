/* test-thumbnail-cache.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE     /* unshare() */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lk-thumbnail-cache.h"
#include "lk-thumbnailer.h"

#define WAIT_TIMEOUT_SECONDS 30

typedef struct
{
  gboolean     done;
  gboolean     timed_out;
  LkThumbnail *thumbnail;
  GError      *error;
} Load;

static gboolean
timed_out_cb (gpointer data)
{
  ((Load *)data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->thumbnail = lk_thumbnailer_load_finish (LK_THUMBNAILER (object), result, &load->error);
  load->done = TRUE;
}

/* Runs one request to completion; fails the test if it never completes. */
static LkThumbnail *
load_thumbnail (LkThumbnailer    *thumbnailer,
                const char       *path,
                LkThumbnailSize   size,
                GError          **error)
{
  Load load = { 0 };
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timed_out_cb, &load);

  lk_thumbnailer_load_async (thumbnailer, path, size, NULL, loaded_cb, &load);
  while (!load.done && !load.timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (load.timed_out);
  g_source_remove (id);
  g_assert_true ((load.thumbnail != NULL) != (load.error != NULL));

  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.thumbnail;
}

/* A picture of one colour, saved as PNG at @path. */
static void
write_png (const char *path,
           int         width,
           int         height,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* Reads a cache entry as a PNG, as file managers do; the isolated test folders hide the
 * MIME database GdkPixbuf would sniff the format with. */
static GdkPixbuf *
load_png (const char *path)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;

  gdk_pixbuf_loader_write (loader, (const guint8 *)data, length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static guint32
first_pixel (GdkPixbuf *pixbuf)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf);

  return ((guint32)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | 0xff;
}

static char *
make_source (const char *name,
             guint32     rgba)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "renders", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  write_png (path, 832, 1216, rgba);

  return path;
}

/* The URI and cache name as a GIO file manager computes them. */
static char *
thumbnail_path_for (const char *source,
                    const char *size_name)
{
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, uri, -1);
  g_autofree char *name = g_strconcat (md5, ".png", NULL);

  return g_build_filename (g_get_user_cache_dir (), "thumbnails", size_name, name, NULL);
}

/* What another program writes: a thumbnail with the specification's chunks. */
static void
write_foreign_entry (const char *source,
                     const char *size_name,
                     int         width,
                     int         height,
                     guint32     rgba,
                     gint64      mtime,
                     const char *size_chunk)
{
  g_autofree char *path = thumbnail_path_for (source, size_name);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *mtime_text = g_strdup_printf ("%" G_GINT64_FORMAT, mtime);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, rgba);
  if (size_chunk != NULL)
    gdk_pixbuf_save (pixbuf, path, "png", &error,
                     "tEXt::Thumb::URI", uri, "tEXt::Thumb::MTime", mtime_text,
                     "tEXt::Thumb::Size", size_chunk, "tEXt::Software", "Another File Manager",
                     NULL);
  else
    gdk_pixbuf_save (pixbuf, path, "png", &error,
                     "tEXt::Thumb::URI", uri, "tEXt::Thumb::MTime", mtime_text, NULL);
  g_assert_no_error (error);
}

static gint64
mtime_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mtime;
}

static void
test_reads_entry_of_another_program (void)
{
  g_autofree char *source = make_source ("anime_image_1_00001_.png", 0x2040c0ff);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  /* Red, which the blue source would never decode to: proof the entry was used. */
  write_foreign_entry (source, "normal", 88, 128, 0xff0000ff, mtime_of (source), NULL);

  thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_CACHE);
  g_assert_cmphex (first_pixel (lk_thumbnail_get_pixbuf (thumbnail)), ==, 0xff0000ff);
  g_assert_cmpint (gdk_pixbuf_get_height (lk_thumbnail_get_pixbuf (thumbnail)), ==, 128);
}

static void
test_uses_larger_entry_scaled_down (void)
{
  g_autofree char *source = make_source ("anime_image_2_00001_.png", 0x2040c0ff);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size_text = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (source, &st), ==, 0);
  size_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)st.st_size);
  write_foreign_entry (source, "large", 175, 256, 0x00ff00ff, st.st_mtime, size_text);

  thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_CACHE);
  g_assert_cmphex (first_pixel (lk_thumbnail_get_pixbuf (thumbnail)), ==, 0x00ff00ff);
  g_assert_cmpint (gdk_pixbuf_get_height (lk_thumbnail_get_pixbuf (thumbnail)), ==, 128);
}

static void
test_regenerates_stale_entries (void)
{
  g_autofree char *source = make_source ("anime_image_3_00001_.png", 0x2040c0ff);
  g_autofree char *entry = thumbnail_path_for (source, "normal");
  g_autoptr(LkThumbnailer) thumbnailer = NULL;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(LkThumbnail) again = NULL;
  g_autoptr(GdkPixbuf) rewritten = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mtime_text = g_strdup_printf ("%" G_GINT64_FORMAT, mtime_of (source));

  /* The file changed after the entry was written. */
  write_foreign_entry (source, "normal", 88, 128, 0xff0000ff, mtime_of (source) - 60, NULL);
  thumbnailer = lk_thumbnailer_new (NULL);
  thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_GENERATED);
  g_assert_cmphex (first_pixel (lk_thumbnail_get_pixbuf (thumbnail)), ==, 0x2040c0ff);

  rewritten = load_png (entry);
  g_assert_nonnull (rewritten);
  g_assert_cmpstr (gdk_pixbuf_get_option (rewritten, "tEXt::Thumb::MTime"), ==, mtime_text);

  /* Same time, different size: stale too. */
  g_clear_object (&thumbnailer);
  write_foreign_entry (source, "normal", 88, 128, 0xff0000ff, mtime_of (source), "12");
  thumbnailer = lk_thumbnailer_new (NULL);
  again = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_thumbnail_get_source (again), ==, LK_THUMBNAIL_SOURCE_GENERATED);
}

static void
test_writes_entries_other_programs_accept (void)
{
  g_autofree char *source = make_source ("été 01 #1.png", 0x2040c0ff);
  g_autofree char *entry = thumbnail_path_for (source, "large");
  g_autofree char *entry_dir = g_path_get_dirname (entry);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GdkPixbuf) written = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *mtime_text = g_strdup_printf ("%" G_GINT64_FORMAT, mtime_of (source));
  g_autoptr(GError) error = NULL;
  GStatBuf source_st, entry_st, dir_st;
  g_autofree char *size_text = NULL;

  thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_LARGE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_GENERATED);
  g_assert_null (lk_thumbnail_get_warning (thumbnail));

  g_assert_cmpint (g_stat (source, &source_st), ==, 0);
  size_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)source_st.st_size);

  /* Read back as a file manager would: its own URI, md5 and chunk checks. */
  written = load_png (entry);
  g_assert_nonnull (written);
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::URI"), ==, uri);
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::MTime"), ==, mtime_text);
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::Size"), ==, size_text);
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::Mimetype"), ==, "image/png");
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::Image::Width"), ==, "832");
  g_assert_cmpstr (gdk_pixbuf_get_option (written, "tEXt::Thumb::Image::Height"), ==, "1216");
  g_assert_cmpint (gdk_pixbuf_get_height (written), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_width (written), ==, 175);

  g_assert_cmpint (g_stat (entry, &entry_st), ==, 0);
  g_assert_cmpint (entry_st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (entry_dir, &dir_st), ==, 0);
  g_assert_cmpint (dir_st.st_mode & 0777, ==, 0700);
}

static void
test_records_failures (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "renders", NULL);
  g_autofree char *source = g_build_filename (dir, "broken_00001_.png", NULL);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (NULL);
  g_autoptr(LkThumbnailer) second = NULL;
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GdkPixbuf) fail_entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autofree char *fail_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *md5 = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (source, "this is not a picture at all", -1, &error);
  g_assert_no_error (error);

  thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_null (thumbnail);
  g_assert_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED);

  file = g_file_new_for_path (source);
  uri = g_file_get_uri (file);
  md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, uri, -1);
  fail_path = g_strconcat (g_get_user_cache_dir (), "/thumbnails/fail/lorakeet-",
                           PACKAGE_VERSION, "/", md5, ".png", NULL);
  fail_entry = load_png (fail_path);
  g_assert_nonnull (fail_entry);
  g_assert_cmpstr (gdk_pixbuf_get_option (fail_entry, "tEXt::Thumb::URI"), ==, uri);
  g_assert_nonnull (gdk_pixbuf_get_option (fail_entry, "tEXt::Thumb::MTime"));

  /* A fresh thumbnailer (empty memory) does not try again, and says why. */
  second = lk_thumbnailer_new (NULL);
  g_assert_null (load_thumbnail (second, source, LK_THUMBNAIL_SIZE_NORMAL, &again));
  g_assert_error (again, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_FAILED_BEFORE);
  g_assert_cmpstr (again->message, ==, error->message);
  g_clear_error (&again);

  /* Once the file changes, it is tried again. */
  write_png (source, 64, 64, 0x10ff10ff);
  thumbnail = load_thumbnail (second, source, LK_THUMBNAIL_SIZE_NORMAL, &again);
  g_assert_no_error (again);
  g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_GENERATED);
}

static void
test_unwritable_cache_still_gives_thumbnail (void)
{
  g_autofree char *source = make_source ("anime_image_4_00001_.png", 0x2040c0ff);
  g_autofree char *blocked = g_build_filename (g_get_user_cache_dir (), "blocked", NULL);
  g_autofree char *read_only = g_build_filename (g_get_user_cache_dir (), "read-only", NULL);
  g_autoptr(GError) error = NULL;

  /* A cache path that is a file cannot hold folders, even for the super-user. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (blocked, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (read_only, 0500), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      const char *base = i == 0 ? blocked : read_only;
      g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (base);
      g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
      g_autoptr(LkThumbnail) thumbnail = NULL;

      if (i == 1 && geteuid () == 0)
        continue;     /* permissions do not stop the super-user */

      thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lk_thumbnail_get_source (thumbnail), ==, LK_THUMBNAIL_SOURCE_GENERATED);
      g_assert_cmpint (gdk_pixbuf_get_height (lk_thumbnail_get_pixbuf (thumbnail)), ==, 128);
      g_assert_nonnull (lk_thumbnail_get_warning (thumbnail));
      g_assert_nonnull (strstr (lk_thumbnail_get_warning (thumbnail), base));
    }

  g_assert_cmpint (g_chmod (read_only, 0700), ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static void
test_cache_problem_is_reported_and_cleared (void)
{
  g_autofree char *first = make_source ("anime_image_5_00001_.png", 0x802040ff);
  g_autofree char *second = make_source ("anime_image_6_00001_.png", 0x408020ff);
  g_autofree char *blocked = g_build_filename (g_get_user_cache_dir (), "blocked-then-free",
                                               NULL);
  g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (blocked);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notified = 0;

  g_signal_connect (thumbnailer, "notify::cache-problem", G_CALLBACK (count_notify_cb),
                    &n_notified);
  g_assert_null (lk_thumbnailer_get_cache_problem (thumbnailer));

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (blocked, "", 0, &error);
  g_assert_no_error (error);

  thumbnail = load_thumbnail (thumbnailer, first, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thumbnail);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_nonnull (lk_thumbnailer_get_cache_problem (thumbnailer));
  g_assert_nonnull (strstr (lk_thumbnailer_get_cache_problem (thumbnailer), blocked));
  g_assert_nonnull (strstr (lk_thumbnailer_get_cache_problem (thumbnailer),
                            "Make that folder writable"));

  /* The artist fixes it: the next thumbnail is shared again and the complaint goes. */
  g_assert_cmpint (g_unlink (blocked), ==, 0);
  g_clear_object (&thumbnail);
  thumbnail = load_thumbnail (thumbnailer, second, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);
  g_assert_null (lk_thumbnail_get_warning (thumbnail));
  g_assert_null (lk_thumbnailer_get_cache_problem (thumbnailer));
  g_assert_cmpuint (n_notified, ==, 2);
}

/* Mounts a small tmpfs at @path, visible to this process only. */
static gboolean
mount_private_tmpfs (const char *path,
                     gboolean    read_only)
{
  return g_mkdir_with_parents (path, 0700) == 0 &&
         unshare (CLONE_NEWNS) == 0 &&
         mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
         mount ("lk-test", path, "tmpfs", read_only ? MS_RDONLY : 0, "size=64k,mode=0700") == 0;
}

/* Whether this process may make a mount namespace of its own (the super-user, outside
 * the restrictions of most containers): tried in a throwaway child. */
static gboolean
can_mount_private_tmpfs (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "probe", NULL);
  int status = 0;
  pid_t pid;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  if ((pid = fork ()) == 0)
    _exit (mount_private_tmpfs (path, FALSE) ? 0 : 1);

  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Fills the file system holding @dir until it has no room left. */
static void
fill_up (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  char block[4096] = { 0 };
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* The cache on a disk that is full or mounted read-only: each load still gives the
 * thumbnail, says why it was not shared and what to do, and leaves no partial entry. Run
 * in a subprocess because the mounts need a mount namespace of its own. */
static void
test_full_or_read_only_cache (void)
{
  const gboolean read_only = g_str_has_suffix (g_test_get_path (), "read-only");

  if (g_test_subprocess ())
    {
      g_autofree char *source = make_source ("anime_image_7_00001_.png", 0xc04080ff);
      g_autofree char *base = g_build_filename (g_get_user_cache_dir (), "mounted", NULL);
      g_autoptr(LkThumbnailCache) cache = NULL;
      g_autoptr(LkThumbnailer) thumbnailer = NULL;
      g_autoptr(LkThumbnail) thumbnail = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) listing = NULL;
      const char *expected = read_only ? "Make that folder writable" : "Free some space";
      const char *name;

      g_assert_true (mount_private_tmpfs (base, read_only));
      if (!read_only)
        {
          /* Room for the size folders but not for a thumbnail */
          g_autofree char *normal = g_build_filename (base, "normal", NULL);

          g_assert_cmpint (g_mkdir_with_parents (normal, 0700), ==, 0);
          fill_up (base);
        }

      cache = lk_thumbnail_cache_new (base);
      thumbnailer = lk_thumbnailer_new (cache);
      thumbnail = load_thumbnail (thumbnailer, source, LK_THUMBNAIL_SIZE_NORMAL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_height (lk_thumbnail_get_pixbuf (thumbnail)), ==, 128);
      g_assert_nonnull (lk_thumbnail_get_warning (thumbnail));
      g_assert_nonnull (strstr (lk_thumbnail_get_warning (thumbnail), expected));
      g_assert_nonnull (strstr (lk_thumbnailer_get_cache_problem (thumbnailer), base));

      if (!read_only)
        {
          g_autofree char *normal = g_build_filename (base, "normal", NULL);

          listing = g_dir_open (normal, 0, &error);
          g_assert_no_error (error);
          while ((name = g_dir_read_name (listing)) != NULL)
            g_assert_not_reached ();    /* not even the half-written temporary file */
        }
      g_print ("OK\n");
      return;
    }

  if (!can_mount_private_tmpfs ())
    {
      g_test_skip ("no right to mount a private tmpfs here (needs the super-user outside a "
                   "restricted container)");
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*OK*");
}

static void
test_never_thumbnails_the_cache_itself (void)
{
  g_autoptr(LkThumbnailCache) cache = lk_thumbnail_cache_new (NULL);
  g_autofree char *inside = g_build_filename (g_get_user_cache_dir (), "thumbnails", "normal",
                                              "0123.png", NULL);
  g_autofree char *dir = g_path_get_dirname (inside);
  g_autoptr(LkThumbnailer) thumbnailer = lk_thumbnailer_new (cache);
  g_autoptr(LkThumbnail) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_entries = 0;

  g_assert_true (lk_thumbnail_cache_is_inside (cache, inside));
  g_assert_false (lk_thumbnail_cache_is_inside (cache, "/tmp/x.png"));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_png (inside, 300, 300, 0x808080ff);
  thumbnail = load_thumbnail (thumbnailer, inside, LK_THUMBNAIL_SIZE_NORMAL, &error);
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (listing) != NULL)
    n_entries++;
  g_assert_cmpuint (n_entries, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/thumbnail-cache/reads-entry-of-another-program",
                   test_reads_entry_of_another_program);
  g_test_add_func ("/thumbnail-cache/uses-larger-entry-scaled-down",
                   test_uses_larger_entry_scaled_down);
  g_test_add_func ("/thumbnail-cache/regenerates-stale-entries", test_regenerates_stale_entries);
  g_test_add_func ("/thumbnail-cache/writes-entries-other-programs-accept",
                   test_writes_entries_other_programs_accept);
  g_test_add_func ("/thumbnail-cache/records-failures", test_records_failures);
  g_test_add_func ("/thumbnail-cache/unwritable-cache-still-gives-thumbnail",
                   test_unwritable_cache_still_gives_thumbnail);
  g_test_add_func ("/thumbnail-cache/problem-is-reported-and-cleared",
                   test_cache_problem_is_reported_and_cleared);
  g_test_add_func ("/thumbnail-cache/bad-cache/full", test_full_or_read_only_cache);
  g_test_add_func ("/thumbnail-cache/bad-cache/read-only", test_full_or_read_only_cache);
  g_test_add_func ("/thumbnail-cache/never-thumbnails-the-cache-itself",
                   test_never_thumbnails_the_cache_itself);

  return g_test_run ();
}
