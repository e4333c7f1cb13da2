/* lk-output-scanner.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lk-output-scanner.h"

/* A batch goes out when it holds this many files, or when this long has passed since the
 * last one, and both bounds double after each batch (up to a limit): the first files show
 * quickly even on a slow network folder, and a folder of 100,000 files arrives in a
 * handful of batches, each merged into the model in one pass. */
#define BATCH_FIRST_ITEMS 4096
#define BATCH_LAST_ITEMS 65536
#define BATCH_FIRST_WAIT_USEC (60 * G_TIME_SPAN_MILLISECOND)
#define BATCH_LAST_WAIT_USEC G_TIME_SPAN_SECOND

/* Files modified this recently may still be being written: their end markers are checked. */
#define RECENT_USEC (10 * G_TIME_SPAN_SECOND)

/* Deeper than any real output folder; stops pathological trees. */
#define MAX_DEPTH 32

typedef struct
{
  dev_t dev;
  ino_t ino;
} DirId;

typedef struct
{
  char *path;
  guint depth;
} PendingDir;

typedef struct
{
  LkOutputBatchFunc  func;
  gpointer           user_data;
  LkOutputBatch     *batch;
  guint              max_items;
  gint64             max_wait;
  gint64             last_flush;
  gint64             now;
  GHashTable        *visited;
  GQueue             queue;
} Walk;

static guint
dir_id_hash (gconstpointer key)
{
  const DirId *id = key;

  return (guint)(id->ino ^ (id->ino >> 32) ^ (id->dev * 2654435761u));
}

static gboolean
dir_id_equal (gconstpointer a,
              gconstpointer b)
{
  const DirId *x = a;
  const DirId *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

static LkOutputBatch *
batch_new (void)
{
  LkOutputBatch *batch = g_new0 (LkOutputBatch, 1);

  batch->items = g_ptr_array_new_with_free_func (g_object_unref);
  batch->incomplete = g_ptr_array_new_with_free_func (g_free);
  batch->directories = g_ptr_array_new_with_free_func (g_free);
  batch->problems = g_ptr_array_new_with_free_func (g_free);

  return batch;
}

void
lk_output_batch_free (LkOutputBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->items, g_ptr_array_unref);
  g_clear_pointer (&batch->incomplete, g_ptr_array_unref);
  g_clear_pointer (&batch->directories, g_ptr_array_unref);
  g_clear_pointer (&batch->problems, g_ptr_array_unref);
  g_free (batch);
}

void
lk_output_probe_free (LkOutputProbe *probe)
{
  if (probe == NULL)
    return;

  g_free (probe->path);
  g_free (probe);
}

static gboolean
read_at (int      fd,
         guint8  *buffer,
         gsize    length,
         goffset  offset)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += n;
    }

  return TRUE;
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32)bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
}

static LkFileCompleteness
check_mp4 (int     fd,
           goffset size)
{
  goffset offset = 0;
  gboolean seen_moov = FALSE;

  for (guint i = 0; i < 256 && offset < size; i++)
    {
      guint8 header[16];
      guint64 box_size;
      guint header_length = 8;

      if (size - offset < 8 || !read_at (fd, header, 8, offset))
        return LK_FILE_COMPLETENESS_INCOMPLETE;

      box_size = read_be32 (header);
      if (box_size == 1)
        {
          if (size - offset < 16 || !read_at (fd, header + 8, 8, offset + 8))
            return LK_FILE_COMPLETENESS_INCOMPLETE;
          box_size = ((guint64)read_be32 (header + 8) << 32) | read_be32 (header + 12);
          header_length = 16;
        }
      else if (box_size == 0)
        {
          /* "Extends to the end of the file": a muxer that has not yet written its
           * index leaves mdat like this. */
          return seen_moov ? LK_FILE_COMPLETENESS_COMPLETE : LK_FILE_COMPLETENESS_INCOMPLETE;
        }

      if (box_size < header_length || box_size > (guint64)(size - offset))
        return LK_FILE_COMPLETENESS_INCOMPLETE;

      if (memcmp (header + 4, "moov", 4) == 0)
        seen_moov = TRUE;

      offset += box_size;
    }

  if (offset == size)
    return seen_moov ? LK_FILE_COMPLETENESS_COMPLETE : LK_FILE_COMPLETENESS_INCOMPLETE;

  return LK_FILE_COMPLETENESS_UNKNOWN;
}

/* Reads an EBML variable-length integer; returns its length in bytes, or 0. */
static guint
read_ebml_vint (const guint8 *data,
                gsize         available,
                guint64      *value,
                gboolean     *unknown)
{
  guint length = 1;
  guint8 mask = 0x80;
  guint64 result;
  gboolean all_ones;

  if (available == 0 || data[0] == 0)
    return 0;

  while (!(data[0] & mask))
    {
      mask >>= 1;
      length++;
    }

  if (length > available)
    return 0;

  result = data[0] & (mask - 1);
  all_ones = result == (guint64)(mask - 1);
  for (guint i = 1; i < length; i++)
    {
      result = (result << 8) | data[i];
      all_ones = all_ones && data[i] == 0xff;
    }

  *value = result;
  *unknown = all_ones;

  return length;
}

static LkFileCompleteness
check_matroska (const guint8 *head,
                gsize         head_length,
                goffset       size)
{
  guint64 value;
  gboolean unknown;
  gsize position = 4;
  guint n;

  /* EBML header element: its size, then its body. */
  if ((n = read_ebml_vint (head + position, head_length - position, &value, &unknown)) == 0 ||
      unknown || value > head_length)
    return LK_FILE_COMPLETENESS_UNKNOWN;
  position += n + value;

  if (position + 4 > head_length || memcmp (head + position, "\x18\x53\x80\x67", 4) != 0)
    return LK_FILE_COMPLETENESS_UNKNOWN;
  position += 4;

  if ((n = read_ebml_vint (head + position, head_length - position, &value, &unknown)) == 0)
    return LK_FILE_COMPLETENESS_UNKNOWN;
  if (unknown)
    return LK_FILE_COMPLETENESS_UNKNOWN;     /* a live writer; only time will tell */
  position += n;

  return position + value <= (guint64)size ? LK_FILE_COMPLETENESS_COMPLETE
                                           : LK_FILE_COMPLETENESS_INCOMPLETE;
}

#define TAIL_LENGTH 4096

static LkFileCompleteness
tail_contains (int           fd,
               goffset       size,
               const guint8 *marker,
               gsize         marker_length)
{
  guint8 tail[TAIL_LENGTH];
  gsize length = MIN ((goffset)sizeof tail, size);

  if (!read_at (fd, tail, length, size - length))
    return LK_FILE_COMPLETENESS_INCOMPLETE;

  /* Entropy-coded JPEG data never holds FF D9, nor does a PNG hold IEND plus its CRC
   * before its end: finding the marker means the writer got there. */
  for (gsize i = length; i >= marker_length; i--)
    {
      if (memcmp (tail + i - marker_length, marker, marker_length) == 0)
        return LK_FILE_COMPLETENESS_COMPLETE;
    }

  return LK_FILE_COMPLETENESS_INCOMPLETE;
}

LkFileCompleteness
lk_file_check_completeness (int     fd,
                            goffset size)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 png_end[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  static const guint8 jpeg_end[2] = { 0xff, 0xd9 };
  guint8 head[64] = { 0 };
  guint8 tail[1];
  gsize head_length;

  g_return_val_if_fail (fd >= 0, LK_FILE_COMPLETENESS_UNKNOWN);

  if (size <= 0)
    return LK_FILE_COMPLETENESS_INCOMPLETE;

  head_length = MIN ((goffset)sizeof head, size);
  if (!read_at (fd, head, head_length, 0))
    return LK_FILE_COMPLETENESS_INCOMPLETE;

  /* PNG and JPEG: the end marker, allowing for bytes some tools append after it. */
  if (head_length >= 8 && memcmp (head, png_signature, 8) == 0)
    return tail_contains (fd, size, png_end, sizeof png_end);

  if (head_length >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    return tail_contains (fd, size, jpeg_end, sizeof jpeg_end);

  if (head_length >= 6 && (memcmp (head, "GIF87a", 6) == 0 || memcmp (head, "GIF89a", 6) == 0))
    {
      if (!read_at (fd, tail, 1, size - 1))
        return LK_FILE_COMPLETENESS_INCOMPLETE;
      return tail[0] == 0x3b ? LK_FILE_COMPLETENESS_COMPLETE : LK_FILE_COMPLETENESS_INCOMPLETE;
    }

  if (head_length >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    {
      guint32 riff_size = head[4] | (head[5] << 8) | (head[6] << 16) | ((guint32)head[7] << 24);

      return (goffset)riff_size + 8 <= size ? LK_FILE_COMPLETENESS_COMPLETE
                                            : LK_FILE_COMPLETENESS_INCOMPLETE;
    }

  if (head_length >= 8 && memcmp (head + 4, "ftyp", 4) == 0)
    return check_mp4 (fd, size);

  if (head_length >= 4 && memcmp (head, "\x1a\x45\xdf\xa3", 4) == 0)
    return check_matroska (head, head_length, size);

  return LK_FILE_COMPLETENESS_UNKNOWN;
}

static LkMediaKind
refine_kind (int           fd,
             const char   *name,
             LkMediaKind  kind)
{
  const char *dot = strrchr (name, '.');
  guint8 header[21];

  if (kind == LK_MEDIA_KIND_IMAGE && dot != NULL && g_ascii_strcasecmp (dot, ".webp") == 0 &&
      read_at (fd, header, sizeof header, 0))
    return lk_media_kind_sniff_webp (header, sizeof header);

  return kind;
}

static void
add_problem (Walk       *walk,
             const char *path,
             int         saved_errno)
{
  g_ptr_array_add (walk->batch->problems,
                   /* Translators: a file or folder, then the system's reason */
                   g_strdup_printf (_("Cannot read “%s”: %s"), path, g_strerror (saved_errno)));
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return lk_output_item_compare (*(LkOutputItem **)a, *(LkOutputItem **)b);
}

static void
flush (Walk     *walk,
       gboolean  force)
{
  LkOutputBatch *batch = walk->batch;
  gint64 now = g_get_monotonic_time ();

  if (!force && batch->items->len < walk->max_items &&
      (now - walk->last_flush < walk->max_wait || batch->items->len == 0))
    return;

  if (force || batch->items->len > 0 || batch->problems->len > 0 ||
      batch->directories->len > 0 || batch->incomplete->len > 0)
    {
      g_ptr_array_sort (batch->items, compare_items);
      walk->func (g_steal_pointer (&walk->batch), walk->user_data);
      walk->batch = batch_new ();
      walk->max_items = MIN (walk->max_items * 2, BATCH_LAST_ITEMS);
      walk->max_wait = MIN (walk->max_wait * 2, BATCH_LAST_WAIT_USEC);
    }

  walk->last_flush = now;
}

static void
visit_file (Walk        *walk,
            int          dir_fd,
            const char  *name,
            const char  *path,
            struct stat *st)
{
  LkMediaKind kind = lk_media_kind_guess (name);
  gint64 mtime = (gint64)st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
  gboolean recent = walk->now - mtime < RECENT_USEC;
  const char *dot = strrchr (name, '.');
  gboolean webp = kind == LK_MEDIA_KIND_IMAGE && g_ascii_strcasecmp (dot, ".webp") == 0;
  LkFileCompleteness completeness = LK_FILE_COMPLETENESS_COMPLETE;

  if (kind == LK_MEDIA_KIND_NONE)
    return;

  if (recent || webp)
    {
      int fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);

      if (fd >= 0)
        {
          kind = refine_kind (fd, name, kind);
          if (recent)
            completeness = lk_file_check_completeness (fd, st->st_size);
          close (fd);
        }
    }

  if (completeness != LK_FILE_COMPLETENESS_COMPLETE)
    g_ptr_array_add (walk->batch->incomplete, g_strdup (path));
  else
    g_ptr_array_add (walk->batch->items,
                     lk_output_item_new (path, mtime, st->st_size, kind, FALSE));
}

static gboolean
walk_directory (Walk         *walk,
                PendingDir   *dir,
                GCancellable *cancellable,
                GError      **error)
{
  struct dirent *entry;
  DIR *stream;
  int fd;

  fd = open (dir->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || (stream = fdopendir (fd)) == NULL)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);

      if (dir->depth == 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot read the output folder “%s”: %s"),
                       dir->path, g_strerror (saved_errno));
          return FALSE;
        }

      add_problem (walk, dir->path, saved_errno);
      return TRUE;
    }

  g_ptr_array_add (walk->batch->directories, g_strdup (dir->path));

  while ((errno = 0, entry = readdir (stream)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (entry->d_name[0] == '.')
        continue;

      path = g_build_filename (dir->path, entry->d_name, NULL);

      if (fstatat (fd, entry->d_name, &st, 0) != 0)
        {
          add_problem (walk, path, errno);
          continue;
        }

      if (S_ISDIR (st.st_mode))
        {
          DirId id = { st.st_dev, st.st_ino };
          PendingDir *child;

          if (g_hash_table_contains (walk->visited, &id))
            {
              g_ptr_array_add (walk->batch->problems,
                               g_strdup_printf (_("“%s” leads back to a folder already shown "
                                                  "(a loop of symbolic links); it is skipped"),
                                                path));
              continue;
            }
          if (dir->depth + 1 > MAX_DEPTH)
            continue;

          g_hash_table_add (walk->visited, g_memdup2 (&id, sizeof id));
          child = g_new0 (PendingDir, 1);
          child->path = g_steal_pointer (&path);
          child->depth = dir->depth + 1;
          g_queue_push_tail (&walk->queue, child);
        }
      else if (S_ISREG (st.st_mode))
        {
          visit_file (walk, fd, entry->d_name, path, &st);
          flush (walk, FALSE);
        }

      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (errno != 0)
    add_problem (walk, dir->path, errno);

  closedir (stream);

  return TRUE;
}

static void
pending_dir_free (gpointer data)
{
  PendingDir *dir = data;

  g_free (dir->path);
  g_free (dir);
}

gboolean
lk_output_scan (const char         *directory,
                LkOutputBatchFunc   batch_func,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  Walk walk = { 0 };
  PendingDir *dir;
  struct stat st;
  gboolean ret = TRUE;

  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (batch_func != NULL, FALSE);

  walk.func = batch_func;
  walk.user_data = user_data;
  walk.batch = batch_new ();
  walk.max_items = BATCH_FIRST_ITEMS;
  walk.max_wait = BATCH_FIRST_WAIT_USEC;
  walk.last_flush = g_get_monotonic_time ();
  walk.now = g_get_real_time ();
  walk.visited = g_hash_table_new_full (dir_id_hash, dir_id_equal, g_free, NULL);
  g_queue_init (&walk.queue);

  if (stat (directory, &st) == 0)
    {
      DirId id = { st.st_dev, st.st_ino };

      g_hash_table_add (walk.visited, g_memdup2 (&id, sizeof id));
    }

  dir = g_new0 (PendingDir, 1);
  dir->path = g_strdup (directory);
  g_queue_push_tail (&walk.queue, dir);

  /* Breadth first: the top folder, where most outputs are, arrives first. */
  while (ret && (dir = g_queue_pop_head (&walk.queue)) != NULL)
    {
      ret = walk_directory (&walk, dir, cancellable, error);
      pending_dir_free (dir);

      if (ret && g_cancellable_set_error_if_cancelled (cancellable, error))
        ret = FALSE;
    }

  if (ret)
    flush (&walk, TRUE);

  g_queue_clear_full (&walk.queue, pending_dir_free);
  g_hash_table_unref (walk.visited);
  lk_output_batch_free (walk.batch);

  return ret;
}

LkOutputProbe *
lk_output_probe (const char *path)
{
  LkOutputProbe *probe;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  probe = g_new0 (LkOutputProbe, 1);
  probe->path = g_strdup (path);
  probe->completeness = LK_FILE_COMPLETENESS_UNKNOWN;

  if (stat (path, &st) != 0)
    return probe;

  probe->exists = TRUE;
  probe->is_directory = S_ISDIR (st.st_mode);
  probe->mtime = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  probe->size = st.st_size;

  if (!S_ISREG (st.st_mode))
    return probe;

  probe->kind = lk_media_kind_guess (path);
  if (probe->kind == LK_MEDIA_KIND_NONE)
    return probe;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return probe;

  probe->kind = refine_kind (fd, path, probe->kind);
  probe->completeness = lk_file_check_completeness (fd, probe->size);
  close (fd);

  return probe;
}
