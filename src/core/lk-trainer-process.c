/* lk-trainer-process.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-trainer-process"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lk-trainer-process.h"

/* Runs the trainer ("$@") with its output appended to the log ($1), and writes its exit
 * status to the status file ($2) when it ends, through a temporary file so a reader never
 * sees half of it. Paths and arguments are positional parameters, never parsed as shell
 * text. A SIGTERM sent to the wrapper alone is passed on to the trainer; the wrapper
 * outlives it to record the status. */
static const char wrapper_script[] =
  "log=$1 status=$2\n"
  "shift 2\n"
  "child=\n"
  "trap 'test -n \"$child\" && kill -TERM \"$child\" 2>/dev/null' TERM\n"
  "\"$@\" </dev/null >>\"$log\" 2>&1 &\n"
  "child=$!\n"
  "wait \"$child\"\n"
  "rc=$?\n"
  "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; rc=$?; done\n"
  "echo \"$rc\" >\"$status.part\" && mv -f -- \"$status.part\" \"$status\"\n";

gboolean
lk_trainer_process_is_running (int         pid,
                               const char *status_path)
{
  g_autofree char *stat_path = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *stat = NULL;
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  g_return_val_if_fail (status_path != NULL, FALSE);

  if (pid <= 0 || (kill (pid, 0) != 0 && errno != EPERM))
    return FALSE;

  /* A zombie has ended: its status file is written already, or never will be. */
  stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  if (g_file_get_contents (stat_path, &stat, NULL, NULL))
    {
      const char *paren = strrchr (stat, ')');

      if (paren != NULL && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'))
        return FALSE;
    }

  /* After a restart the pid may belong to anything: the wrapper names its status file. */
  cmdline_path = g_strdup_printf ("/proc/%d/cmdline", pid);
  if (g_file_get_contents (cmdline_path, &cmdline, &length, NULL))
    {
      for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
        if (g_str_equal (cmdline + i, status_path))
          return TRUE;
      return FALSE;
    }

  return TRUE;
}

int
lk_trainer_process_read_exit_status (const char *status_path)
{
  g_autofree char *contents = NULL;
  guint64 status;
  char *end = NULL;

  g_return_val_if_fail (status_path != NULL, -1);

  if (!g_file_get_contents (status_path, &contents, NULL, NULL))
    return -1;

  g_strstrip (contents);
  status = g_ascii_strtoull (contents, &end, 10);
  if (end == contents || *end != '\0' || status > 255)
    return -1;

  return (int)status;
}

static void
child_setup (gpointer user_data)
{
  /* its own session and process group: a terminal's Ctrl-C or the end of this program
   * does not reach it, and cancelling reaches the trainer and anything it started */
  setsid ();
}

/* The trainer's program, found as the spawn would find it. */
static gboolean
check_program (const char  *program,
               GError     **error)
{
  g_autofree char *found = NULL;

  if (strchr (program, '/') != NULL)
    found = g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (program) : NULL;
  else
    found = g_find_program_in_path (program);

  if (found == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot start the trainer %s: there is no such program. Check the "
                     "sd-scripts Python in the preferences (or --python)."), program);
      return FALSE;
    }

  return TRUE;
}

int
lk_trainer_process_spawn (const char * const  *argv,
                          const char          *log_path,
                          const char          *status_path,
                          GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) wrapped = NULL;
  g_autofree char *log_dir = NULL;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, 0);
  g_return_val_if_fail (log_path != NULL && status_path != NULL, 0);

  if (!check_program (argv[0], error))
    return 0;

  /* small local files: creating them does not block noticeably */
  log_dir = g_path_get_dirname (log_path);
  g_mkdir_with_parents (log_dir, 0755);
  g_unlink (status_path);
  if (!g_file_set_contents (log_path, "", 0, error))
    return 0;

  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, "/bin/sh", "-c", wrapper_script, "lorakeet-trainer",
                           log_path, status_path, NULL);
  g_strv_builder_addv (builder, (const char **)argv);
  wrapped = g_strv_builder_end (builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "PYTHONUNBUFFERED", "1", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* GLib reaps the wrapper when it ends, even once the GSubprocess is gone */
  if (!(process = g_subprocess_launcher_spawnv (launcher, (const char * const *)wrapped,
                                                error)))
    {
      g_prefix_error (error, _("Cannot start the trainer %s: "), argv[0]);
      return 0;
    }

  return (int)g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);
}

void
lk_trainer_process_signal (int         pid,
                           const char *status_path,
                           int         signum)
{
  g_return_if_fail (status_path != NULL);

  /* the pid is the wrapper's, and the group is its own: only signal it while it is ours */
  if (lk_trainer_process_is_running (pid, status_path))
    kill (-pid, signum);
}
