/* lk-training-set-export.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writing a training set in kohya's layout. The folder is assembled under a temporary name
 * beside the target and swapped in with rename(2), so whoever looks at the target sees the
 * old export or the new one, never half of one. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-set-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-training-set-private.h"

typedef struct
{
  char *source;
  char *concept;
  char *stem;        /* "0001-sheet" */
  char *extension;   /* ".png", or "" */
  char *caption;
} ExportEntry;

typedef struct
{
  char      *target;
  char      *dataset_config;
  char      *command_line;
  char     **argv;
  GPtrArray *entries;
} ExportPlan;

static void
export_entry_free (ExportEntry *entry)
{
  g_free (entry->source);
  g_free (entry->concept);
  g_free (entry->stem);
  g_free (entry->extension);
  g_free (entry->caption);
  g_free (entry);
}

static void
export_plan_free (ExportPlan *plan)
{
  g_free (plan->target);
  g_free (plan->dataset_config);
  g_free (plan->command_line);
  g_strfreev (plan->argv);
  g_clear_pointer (&plan->entries, g_ptr_array_unref);
  g_free (plan);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static gboolean
set_io_error (GError     **error,
              const char  *what,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_EXPORT_FAILED,
               _("Cannot %s %s: %s. The export folder was left as it was."), what, path,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_entries (ExportPlan    *plan,
               const char    *tmp,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint i = 0; i < plan->entries->len; i++)
    {
      ExportEntry *entry = g_ptr_array_index (plan->entries, i);
      g_autofree char *folder = g_build_filename (tmp, "img", entry->concept, NULL);
      g_autofree char *image_name = g_strconcat (entry->stem, entry->extension, NULL);
      g_autofree char *caption_name = g_strconcat (entry->stem, ".txt", NULL);
      g_autofree char *image_path = g_build_filename (folder, image_name, NULL);
      g_autofree char *caption_path = g_build_filename (folder, caption_name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (entry->source);
      g_autoptr(GFile) dest = g_file_new_for_path (image_path);
      g_autofree char *caption = g_strconcat (entry->caption, "\n", NULL);
      g_autoptr(GError) local_error = NULL;

      if (g_mkdir_with_parents (folder, 0755) != 0)
        return set_io_error (error, _("create"), folder, errno);

      if (!g_file_copy (source, dest, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_EXPORT_FAILED,
                       _("Cannot copy %s into the export: %s. The export folder was left as it "
                         "was."), entry->source, local_error->message);
          return FALSE;
        }

      if (!g_file_set_contents (caption_path, caption, -1, &local_error))
        return set_io_error (error, _("write"), caption_path, EIO);
    }

  return TRUE;
}

static gboolean
write_folder (ExportPlan    *plan,
              const char    *tmp,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *subdirs[] = { "img", "model", "log" };
  g_autofree char *config = g_build_filename (tmp, "dataset_config.toml", NULL);
  g_autofree char *command = g_build_filename (tmp, "command.txt", NULL);
  g_autofree char *command_text = g_strconcat (plan->command_line, "\n", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (tmp, subdirs[i], NULL);

      if (g_mkdir (path, 0755) != 0)
        return set_io_error (error, _("create"), path, errno);
    }

  if (!write_entries (plan, tmp, cancellable, error))
    return FALSE;

  if (!g_file_set_contents (config, plan->dataset_config, -1, NULL))
    return set_io_error (error, _("write"), config, EIO);
  if (!g_file_set_contents (command, command_text, -1, NULL))
    return set_io_error (error, _("write"), command, EIO);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* An earlier export's trained files and logs are worth more than the images: keep them. */
static void
carry_over (const char *old,
            const char *target)
{
  const char *keep[] = { "model", "log" };

  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      g_autofree char *from = g_build_filename (old, keep[i], NULL);
      g_autofree char *to = g_build_filename (target, keep[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_IS_DIR))
        continue;
      g_rmdir (to);
      if (g_rename (from, to) != 0)
        g_warning ("Cannot move %s to %s: %s", from, to, g_strerror (errno));
    }
}

static gboolean
is_replaceable (const char  *target,
                GError     **error)
{
  g_autofree char *config = g_build_filename (target, "dataset_config.toml", NULL);
  g_autoptr(GDir) dir = NULL;

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                   _("%s is a file, not a folder. Choose another export folder."), target);
      return FALSE;
    }

  dir = g_dir_open (target, 0, NULL);
  if (g_file_test (config, G_FILE_TEST_EXISTS) || (dir && g_dir_read_name (dir) == NULL))
    return TRUE;

  g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
               _("%s holds other files and is not an earlier export. Choose an empty or new "
                 "folder."), target);
  return FALSE;
}

static void
export_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportPlan *plan = task_data;
  g_autofree char *parent = g_path_get_dirname (plan->target);
  g_autofree char *base = g_path_get_basename (plan->target);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.tmp-XXXXXX", parent, base);
  g_autofree char *old = NULL;
  GError *error = NULL;

  if (!is_replaceable (plan->target, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_mkdir_with_parents (parent, 0755) != 0 || g_mkdtemp (tmp) == NULL)
    {
      set_io_error (&error, _("create a folder in"), parent, errno);
      g_task_return_error (task, error);
      return;
    }
  g_chmod (tmp, 0755);

  if (!write_folder (plan, tmp, cancellable, &error))
    {
      remove_tree (tmp);
      g_task_return_error (task, error);
      return;
    }

  if (g_file_test (plan->target, G_FILE_TEST_IS_DIR))
    {
      old = g_strdup_printf ("%s/.%s.old-XXXXXX", parent, base);
      if (g_mkdtemp (old) == NULL || g_rmdir (old) != 0 || g_rename (plan->target, old) != 0)
        {
          set_io_error (&error, _("replace"), plan->target, errno);
          remove_tree (tmp);
          g_task_return_error (task, error);
          return;
        }
    }

  if (g_rename (tmp, plan->target) != 0)
    {
      int saved_errno = errno;

      if (old != NULL)
        g_rename (old, plan->target);
      remove_tree (tmp);
      set_io_error (&error, _("replace"), plan->target, saved_errno);
      g_task_return_error (task, error);
      return;
    }

  if (old != NULL)
    {
      carry_over (old, plan->target);
      remove_tree (old);
    }

  g_task_return_boolean (task, TRUE);
}

static ExportPlan *
make_plan (LkTrainingSet  *self,
           const char     *target,
           const char     *python,
           const char     *scripts_dir)
{
  ExportPlan *plan = g_new0 (ExportPlan, 1);
  GListModel *images = G_LIST_MODEL (self->images);
  g_auto(GStrv) argv = lk_training_set_dup_command (self, target, python, scripts_dir);
  GString *line = g_string_new (NULL);

  plan->target = g_strdup (target);
  plan->dataset_config = lk_training_set_dup_dataset_config (self, target);
  plan->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)export_entry_free);

  for (guint i = 0; argv[i]; i++)
    {
      g_autofree char *quoted = g_shell_quote (argv[i]);

      g_string_append_printf (line, "%s%s", i > 0 ? " " : "", quoted);
    }
  plan->command_line = g_string_free (line, FALSE);
  plan->argv = g_steal_pointer (&argv);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);
      ExportEntry *entry = g_new0 (ExportEntry, 1);
      g_autofree char *name = g_path_get_basename (lk_reference_image_get_path (image));
      char *dot = strrchr (name, '.');
      g_autofree char *caption = g_strdup (lk_reference_image_get_caption (image));

      entry->source = g_strdup (lk_reference_image_get_path (image));
      entry->concept = lk_training_set_dup_concept_folder (self, image);
      entry->extension = g_strdup (dot && dot != name ? dot : "");
      if (dot != NULL && dot != name)
        *dot = '\0';
      entry->stem = g_strdup_printf ("%04u-%s", i + 1, name);
      /* one line per caption file: kohya reads the first line only */
      entry->caption = g_strdup (caption ? g_strdelimit (g_strstrip (caption), "\r\n", ' ') : "");
      g_ptr_array_add (plan->entries, entry);
    }

  return plan;
}

void
lk_training_set_export_async (LkTrainingSet       *self,
                              const char          *export_dir,
                              const char          *python,
                              const char          *scripts_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (export_dir != NULL && *export_dir != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_training_set_export_async);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->images)) == 0)
    {
      g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                               _("The training set of %s has no images. Add training images "
                                 "first."), self->character_name);
      return;
    }

  findings = lk_training_set_lint (self);
  for (guint i = 0; i < findings->len; i++)
    {
      LkTrainingFinding *finding = g_ptr_array_index (findings, i);

      if (finding->blocking)
        {
          g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                                   "%s %s", finding->message, finding->fix);
          return;
        }
    }

  target = g_canonicalize_filename (export_dir, NULL);
  g_task_set_task_data (task, make_plan (self, target, python, scripts_dir),
                        (GDestroyNotify)export_plan_free);
  g_task_run_in_thread (task, export_worker);
}

char **
lk_training_set_export_finish (LkTrainingSet  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  ExportPlan *plan;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  plan = g_task_get_task_data (G_TASK (result));
  return g_strdupv (plan->argv);
}
