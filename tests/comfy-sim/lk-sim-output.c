/* lk-sim-output.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-output"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lk-sim-json.h"
#include "lk-sim-output.h"
#include "lk-sim-video.h"

G_DEFINE_QUARK (lk-sim-exec-error-quark, lk_sim_exec_error)

/**
 * lk_sim_exec_error_type_name:
 * @error: an error of %LK_SIM_EXEC_ERROR, or any other
 *
 * Returns: the Python exception type the real server would report
 */
const char *
lk_sim_exec_error_type_name (const GError *error)
{
  if (error->domain != LK_SIM_EXEC_ERROR)
    return "Exception";

  switch ((LkSimExecError)error->code)
    {
    case LK_SIM_EXEC_ERROR_FILE_NOT_FOUND: return "FileNotFoundError";
    case LK_SIM_EXEC_ERROR_OUT_OF_MEMORY: return "torch.OutOfMemoryError";
    case LK_SIM_EXEC_ERROR_OS: return "OSError";
    case LK_SIM_EXEC_ERROR_RUNTIME: return "RuntimeError";
    case LK_SIM_EXEC_ERROR_EXCEPTION:
    default:
      return "Exception";
    }
}

static void
value_clear (gpointer data)
{
  LkSimValue *value = data;

  g_free (value->type);
  g_clear_object (&value->pixels);
}

LkSimValue *
lk_sim_value_new (const char *type,
                  guint64     hash)
{
  LkSimValue *value = g_atomic_rc_box_new0 (LkSimValue);

  value->type = g_strdup (type);
  value->hash = hash;
  value->batch = 1;
  return value;
}

LkSimValue *
lk_sim_value_ref (LkSimValue *value)
{
  return g_atomic_rc_box_acquire (value);
}

void
lk_sim_value_unref (LkSimValue *value)
{
  g_atomic_rc_box_release_full (value, value_clear);
}

/**
 * lk_sim_normpath:
 * @path: a path
 *
 * Returns: (transfer full): posixpath.normpath(@path)
 */
char *
lk_sim_normpath (const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  int initial = 0;

  if (path == NULL || *path == '\0')
    {
      g_string_append_c (out, '.');
      return g_string_free (out, FALSE);
    }

  if (path[0] == '/')
    initial = (path[1] == '/' && path[2] != '/') ? 2 : 1;

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *part = parts[i];

      if (*part == '\0' || strcmp (part, ".") == 0)
        continue;
      if (strcmp (part, "..") != 0 || (initial == 0 && kept->len == 0)
          || (kept->len > 0 && strcmp (g_ptr_array_index (kept, kept->len - 1), "..") == 0))
        g_ptr_array_add (kept, (gpointer)part);
      else if (kept->len > 0)
        g_ptr_array_remove_index (kept, kept->len - 1);
    }

  for (int i = 0; i < initial; i++)
    g_string_append_c (out, '/');
  for (guint i = 0; i < kept->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (kept, i));
    }
  if (out->len == 0)
    g_string_append_c (out, '.');

  return g_string_free (out, FALSE);
}

/**
 * lk_sim_dirs_by_type:
 * @dirs: the server's directories
 * @type: (nullable): "output", "input" or "temp"
 *
 * Returns: (nullable): the directory, or %NULL for any other type
 */
const char *
lk_sim_dirs_by_type (const LkSimDirs *dirs,
                     const char      *type)
{
  if (g_strcmp0 (type, "output") == 0)
    return dirs->output;
  if (g_strcmp0 (type, "input") == 0)
    return dirs->input;
  if (g_strcmp0 (type, "temp") == 0)
    return dirs->temp;
  return NULL;
}

/**
 * lk_sim_annotated_path:
 * @dirs: the server's directories
 * @name: a file name, maybe ending in "[output]", "[input]" or "[temp]"
 * @base_dir: (out) (optional) (nullable): the directory the annotation names, or %NULL
 *
 * folder_paths.annotated_filepath(): an annotation selects the directory and the server
 * strips it with the one space it expects before the bracket (9, 8 or 7 characters).
 *
 * Returns: (transfer full): the name without its annotation
 */
char *
lk_sim_annotated_path (const LkSimDirs  *dirs,
                       const char       *name,
                       const char      **base_dir)
{
  static const struct { const char *suffix; const char *type; gsize strip; } notes[] = {
    { "[output]", "output", 9 }, { "[input]", "input", 8 }, { "[temp]", "temp", 7 },
  };
  gsize len = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    if (g_str_has_suffix (name, notes[i].suffix))
      {
        if (base_dir)
          *base_dir = lk_sim_dirs_by_type (dirs, notes[i].type);
        return g_strndup (name, len > notes[i].strip ? len - notes[i].strip : 0);
      }

  if (base_dir)
    *base_dir = NULL;
  return g_strdup (name);
}

/**
 * lk_sim_path_is_within:
 * @base: an absolute, normalised directory
 * @path: an absolute path
 *
 * Returns: whether os.path.commonpath((@base, abspath(@path))) == @base
 */
gboolean
lk_sim_path_is_within (const char *base,
                       const char *path)
{
  g_autofree char *norm = lk_sim_normpath (path);
  gsize len = strlen (base);

  if (norm[0] != '/')
    return FALSE;
  if (strcmp (base, "/") == 0)
    return TRUE;
  return strncmp (norm, base, len) == 0 && (norm[len] == '\0' || norm[len] == '/');
}

static void
split_path (const char  *path,
            char       **dirname,
            char       **basename)
{
  const char *slash = strrchr (path, '/');
  gsize head_len = slash ? (gsize)(slash - path) + 1 : 0;
  g_autofree char *head = g_strndup (path, head_len);
  gsize i;

  /* posixpath.dirname strips trailing slashes unless the head is all slashes */
  for (i = 0; i < head_len && head[i] == '/'; i++)
    ;
  if (i < head_len)
    while (head_len > 0 && head[head_len - 1] == '/')
      head[--head_len] = '\0';

  if (dirname)
    *dirname = g_steal_pointer (&head);
  if (basename)
    *basename = g_strdup (path + (slash ? (slash - path) + 1 : 0));
}

static char *
replace_all (const char *text,
             const char *token,
             const char *value)
{
  g_auto(GStrv) parts = g_strsplit (text, token, -1);

  return g_strjoinv (value, parts);
}

static char *
compute_vars (const char *prefix,
              int         width,
              int         height)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const char * const tokens[] = {
    "%width%", "%height%", "%year%", "%month%", "%day%", "%hour%", "%minute%", "%second%"
  };
  int values[] = {
    width, height, g_date_time_get_year (now), g_date_time_get_month (now),
    g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
    g_date_time_get_minute (now), g_date_time_get_second (now)
  };
  char *result = g_strdup (prefix);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autofree char *value = g_strdup_printf (i < 3 ? "%d" : "%02d", values[i]);
      char *next = replace_all (result, tokens[i], value);

      g_free (result);
      result = next;
    }
  return result;
}

/**
 * lk_sim_save_path:
 * @base_dir: the output (or temp) directory, absolute and normalised
 * @prefix: the node's filename_prefix
 * @width: width of the first image, for %width%
 * @height: height of the first image, for %height%
 * @out: (out caller-allocates): the folder, name, subfolder and next counter
 * @error: return location for "Saving image outside the output folder is not allowed."
 *
 * folder_paths.get_save_image_path(): server-side substitutions, subfolder from the prefix,
 * and the counter from the highest "name_NNNNN_…" file already in the folder.
 */
gboolean
lk_sim_save_path (const char     *base_dir,
                  const char     *prefix,
                  int             width,
                  int             height,
                  LkSimSavePath  *out,
                  GError        **error)
{
  g_autofree char *expanded = strchr (prefix, '%') ? compute_vars (prefix, width, height)
                                                   : g_strdup (prefix);
  g_autofree char *norm = lk_sim_normpath (expanded);
  g_autofree char *raw_base = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize prefix_len;
  int best = -1;
  const char *entry;

  memset (out, 0, sizeof *out);
  split_path (norm, &out->subfolder, &out->name);
  split_path (expanded, NULL, &raw_base);
  prefix_len = strlen (raw_base);

  out->folder = out->subfolder[0] == '/' ? lk_sim_normpath (out->subfolder)
                                          : g_build_filename (base_dir, out->subfolder, NULL);
  if (!lk_sim_path_is_within (base_dir, out->folder))
    {
      g_autofree char *abs = lk_sim_normpath (out->folder);

      g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_EXCEPTION,
                   "**** ERROR: Saving image outside the output folder is not allowed.\n"
                   " full_output_folder: %s\n         output_dir: %s", abs, base_dir);
      lk_sim_save_path_clear (out);
      return FALSE;
    }

  dir = g_dir_open (out->folder, 0, NULL);
  if (dir == NULL)
    {
      if (g_mkdir_with_parents (out->folder, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_OS, "[Errno %d] %s: '%s'",
                       saved, g_strerror (saved), out->folder);
          lk_sim_save_path_clear (out);
          return FALSE;
        }
      out->counter = 1;
      return TRUE;
    }

  while ((entry = g_dir_read_name (dir)))
    {
      gsize entry_len = strlen (entry);
      gsize head_len = MIN (entry_len, prefix_len + 1);
      g_autofree char *rest = NULL;
      char *underscore;
      gint64 digits = 0;

      if (head_len == 0 || entry[head_len - 1] != '_'
          || head_len - 1 != strlen (out->name) || strncmp (entry, out->name, head_len - 1) != 0)
        continue;

      rest = g_strdup (entry + head_len);
      if ((underscore = strchr (rest, '_')))
        *underscore = '\0';
      if (!lk_sim_py_parse_int (rest, &digits))
        digits = 0;
      best = MAX (best, (int)CLAMP (digits, 0, G_MAXINT - 1));
    }

  out->counter = best >= 0 ? best + 1 : 1;
  return TRUE;
}

void
lk_sim_save_path_clear (LkSimSavePath *path)
{
  g_clear_pointer (&path->folder, g_free);
  g_clear_pointer (&path->name, g_free);
  g_clear_pointer (&path->subfolder, g_free);
}

/**
 * lk_sim_vhs_counter:
 * @folder: the target folder
 * @name: the file name part of the prefix
 *
 * VideoHelperSuite's own counter: the highest N of files matching `{name}_(\d+)\D*\..+`
 * (case-insensitive), plus one.
 *
 * Returns: the next counter
 */
int
lk_sim_vhs_counter (const char *folder,
                    const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gsize name_len = strlen (name);
  const char *entry;
  gint64 best = 0;

  while (dir && (entry = g_dir_read_name (dir)))
    {
      const char *p = entry + name_len + 1;
      const char *digits_end;
      g_autofree char *digits = NULL;
      gboolean matched = FALSE;
      gint64 value;

      if (strlen (entry) <= name_len + 1 || g_ascii_strncasecmp (entry, name, name_len) != 0
          || entry[name_len] != '_' || !g_ascii_isdigit (*p))
        continue;

      for (digits_end = p; g_ascii_isdigit (*digits_end); digits_end++)
        ;
      for (const char *q = digits_end; *q && !g_ascii_isdigit (*q); q++)
        if (*q == '.' && q[1] != '\0')
          {
            matched = TRUE;
            break;
          }
      if (!matched)
        continue;

      digits = g_strndup (p, digits_end - p);
      if (lk_sim_py_parse_int (digits, &value))
        best = MAX (best, value);
    }

  return (int)MIN (best, G_MAXINT - 1) + 1;
}

LkSimWriteJob *
lk_sim_write_job_new (LkSimWriteKind kind)
{
  LkSimWriteJob *job = g_new0 (LkSimWriteJob, 1);

  job->kind = kind;
  job->type_name = "output";
  job->text_keys = g_ptr_array_new_with_free_func (g_free);
  job->text_values = g_ptr_array_new_with_free_func (g_free);
  job->compress_level = 4;
  job->metadata_png = TRUE;
  return job;
}

void
lk_sim_write_job_free (LkSimWriteJob *job)
{
  if (job == NULL)
    return;

  g_free (job->base_dir);
  g_free (job->prefix);
  g_free (job->format);
  g_clear_pointer (&job->images, lk_sim_value_unref);
  g_ptr_array_unref (job->text_keys);
  g_ptr_array_unref (job->text_values);
  g_free (job);
}

static gboolean
save_png (LkSimWriteJob  *job,
          GdkPixbuf      *pixbuf,
          const char     *path,
          int             compress_level,
          GError        **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < job->text_keys->len; i++)
    {
      g_ptr_array_add (keys, g_strconcat ("tEXt::", g_ptr_array_index (job->text_keys, i), NULL));
      g_ptr_array_add (values, g_strdup (g_ptr_array_index (job->text_values, i)));
    }
  g_ptr_array_add (keys, g_strdup ("compression"));
  g_ptr_array_add (values, g_strdup_printf ("%d", CLAMP (compress_level, 0, 9)));
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);

  return gdk_pixbuf_savev (pixbuf, path, "png", (char **)keys->pdata, (char **)values->pdata,
                           error);
}

static JsonObject *
file_item (const char *filename,
           const char *subfolder,
           const char *type_name)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "filename", filename);
  json_object_set_string_member (item, "subfolder", subfolder);
  json_object_set_string_member (item, "type", type_name);
  return item;
}

static JsonNode *
write_images (LkSimWriteJob  *job,
              GError        **error)
{
  g_auto(LkSimSavePath) where = { 0 };
  JsonArray *results = json_array_new ();
  JsonObject *ui;

  if (!lk_sim_save_path (job->base_dir, job->prefix, job->images->width, job->images->height,
                         &where, error))
    {
      json_array_unref (results);
      return NULL;
    }

  for (int b = 0; b < job->images->batch; b++)
    {
      g_autofree char *index = g_strdup_printf ("%d", b);
      g_autofree char *name = replace_all (where.name, "%batch_num%", index);
      g_autofree char *file = g_strdup_printf ("%s_%05d_.png", name, where.counter);
      g_autofree char *path = g_build_filename (where.folder, file, NULL);
      g_autoptr(GdkPixbuf) pixbuf = lk_sim_render_frame (job->images, b);

      if (!save_png (job, pixbuf, path, job->compress_level, error))
        {
          json_array_unref (results);
          return NULL;
        }
      json_array_add_object_element (results, file_item (file, where.subfolder, job->type_name));
      where.counter++;
    }

  ui = json_object_new ();
  json_object_set_array_member (ui, "images", results);
  return lk_sim_json_object_node (ui);
}

static GArray *
frame_order (const LkSimValue *images,
             gboolean          pingpong)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (int));

  for (int i = 0; i < images->batch; i++)
    g_array_append_val (frames, i);
  if (pingpong)
    for (int i = images->batch - 2; i > 0; i--)
      g_array_append_val (frames, i);
  return frames;
}

static JsonNode *
write_webp (LkSimWriteJob  *job,
            GError        **error)
{
  g_auto(LkSimSavePath) where = { 0 };
  g_autoptr(GArray) frames = frame_order (job->images, FALSE);
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  JsonArray *results, *animated;
  JsonObject *ui;

  if (!lk_sim_save_path (job->base_dir, job->prefix, job->images->width, job->images->height,
                         &where, error))
    return NULL;

  file = g_strdup_printf ("%s_%05d_.webp", where.name, where.counter);
  path = g_build_filename (where.folder, file, NULL);
  if (!lk_sim_webp_write (path, job->images, frames, job->frame_rate, job->lossless, job->quality,
                          error))
    return NULL;

  results = json_array_new ();
  json_array_add_object_element (results, file_item (file, where.subfolder, job->type_name));
  animated = json_array_new ();
  json_array_add_boolean_element (animated, job->images->batch != 1);
  ui = json_object_new ();
  json_object_set_array_member (ui, "images", results);
  json_object_set_array_member (ui, "animated", animated);
  return lk_sim_json_object_node (ui);
}

static JsonNode *
write_video (LkSimWriteJob  *job,
             GError        **error)
{
  g_auto(LkSimSavePath) where = { 0 };
  g_autoptr(GArray) frames = frame_order (job->images, job->pingpong);
  g_autofree char *png_file = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *ext = lk_sim_video_extension (job->format);
  JsonObject *item, *ui;
  JsonArray *gifs;
  int counter;

  if (!lk_sim_save_path (job->base_dir, job->prefix, 0, 0, &where, error))
    return NULL;

  counter = lk_sim_vhs_counter (where.folder, where.name);
  png_file = g_strdup_printf ("%s_%05d.png", where.name, counter);
  if (job->metadata_png)
    {
      g_autofree char *png_path = g_build_filename (where.folder, png_file, NULL);
      g_autoptr(GdkPixbuf) first = lk_sim_render_frame (job->images, 0);

      if (!save_png (job, first, png_path, 4, error))
        return NULL;
    }

  file = g_strdup_printf ("%s_%05d.%s", where.name, counter, ext);
  path = g_build_filename (where.folder, file, NULL);
  if (g_str_has_prefix (job->format, "image/webp"))
    {
      if (!lk_sim_webp_write (path, job->images, frames, job->frame_rate, FALSE, 90, error))
        return NULL;
    }
  else if (!lk_sim_video_encode (path, job->format, job->images, frames, job->frame_rate, error))
    return NULL;

  item = file_item (file, where.subfolder, job->type_name);
  json_object_set_string_member (item, "format", job->format);
  json_object_set_double_member (item, "frame_rate", job->frame_rate);
  json_object_set_string_member (item, "workflow", png_file);
  json_object_set_string_member (item, "fullpath", path);
  gifs = json_array_new ();
  json_array_add_object_element (gifs, item);
  ui = json_object_new ();
  json_object_set_array_member (ui, "gifs", gifs);
  return lk_sim_json_object_node (ui);
}

/**
 * lk_sim_write_run:
 * @job: what to write
 * @error: return location for the error the node raises
 *
 * Writes the files of one output node. Blocking: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the node's `ui` dict
 */
JsonNode *
lk_sim_write_run (LkSimWriteJob  *job,
                  GError        **error)
{
  g_return_val_if_fail (job->images != NULL, NULL);

  switch (job->kind)
    {
    case LK_SIM_WRITE_PNG:
      return write_images (job, error);
    case LK_SIM_WRITE_WEBP:
      return write_webp (job, error);
    case LK_SIM_WRITE_VIDEO:
      return write_video (job, error);
    default:
      g_assert_not_reached ();
    }
}
