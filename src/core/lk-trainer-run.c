/* lk-trainer-run.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-trainer-run"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "lk-trainer-process.h"
#include "lk-trainer-run.h"
#include "lk-training-set.h"

#define KILL_AFTER_SECONDS 5
#define READ_CHUNK 4096
#define POLL_INTERVAL_USEC (200 * 1000)

struct _LkTrainerRun
{
  GObject         parent_instance;

  /* Owned */
  char          **argv;
  char           *log_path;
  char           *status_path;
  char           *output_path;
  char           *last_line;
  GCancellable   *cancellable;
  gulong          cancelled_id;
  guint           kill_source;

  LkTrainerState  state;
  int             pid;
  gint64          step;
  gint64          total_steps;
  int             epoch;
  int             total_epochs;
  double          loss;

  guint           cancel_requested : 1;
};

G_DEFINE_FINAL_TYPE (LkTrainerRun, lk_trainer_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_STEP,
  PROP_TOTAL_STEPS,
  PROP_EPOCH,
  PROP_TOTAL_EPOCHS,
  PROP_LOSS,
  PROP_FRACTION,
  PROP_LOG_PATH,
  N_PROPS
};

enum {
  OUTPUT_LINE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Updates from the reader thread ----------------------------------------------------------- */

typedef struct
{
  LkTrainerRun *self;
  char         *line;
} LineUpdate;

static void
set_int64 (LkTrainerRun *self,
           gint64       *field,
           gint64        value,
           guint         prop)
{
  if (value >= 0 && *field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
      if (prop == PROP_STEP || prop == PROP_TOTAL_STEPS)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static gboolean
apply_line_cb (gpointer user_data)
{
  LineUpdate *update = user_data;
  LkTrainerRun *self = update->self;
  LkTrainerProgress progress;

  g_object_freeze_notify (G_OBJECT (self));
  if (lk_trainer_parse_line (update->line, &progress))
    {
      gint64 epoch = self->epoch, total_epochs = self->total_epochs;

      set_int64 (self, &self->step, progress.step, PROP_STEP);
      set_int64 (self, &self->total_steps, progress.total_steps, PROP_TOTAL_STEPS);
      set_int64 (self, &epoch, progress.epoch, PROP_EPOCH);
      set_int64 (self, &total_epochs, progress.total_epochs, PROP_TOTAL_EPOCHS);
      self->epoch = (int)epoch;
      self->total_epochs = (int)total_epochs;
      if (progress.loss >= 0 && progress.loss != self->loss)
        {
          self->loss = progress.loss;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOSS]);
        }
    }
  g_free (self->last_line);
  self->last_line = g_strdup (update->line);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[OUTPUT_LINE], 0, update->line);

  return G_SOURCE_REMOVE;
}

static void
line_update_free (gpointer data)
{
  LineUpdate *update = data;

  g_object_unref (update->self);
  g_free (update->line);
  g_free (update);
}

/* The reader thread: follows the log until the trainer has ended ---------------------------- */

typedef struct
{
  LkTrainerRun *self;      /* only its reference count is touched off the main thread */
  GMainContext *context;
  char         *log_path;
  char         *status_path;
  int           pid;
} ReaderData;

static void
reader_data_free (ReaderData *data)
{
  g_object_unref (data->self);
  g_main_context_unref (data->context);
  g_free (data->log_path);
  g_free (data->status_path);
  g_free (data);
}

static void
post_line (ReaderData *data,
           const char *line,
           gsize       length)
{
  LineUpdate *update;

  if (length == 0)
    return;

  update = g_new0 (LineUpdate, 1);
  update->self = g_object_ref (data->self);
  update->line = g_utf8_make_valid (line, length);
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, apply_line_cb, update,
                              line_update_free);
}

/* Reads what the log has gained since the last call, and posts its complete lines. */
static void
read_new_output (ReaderData *data,
                 int        *fd,
                 GByteArray *pending)
{
  guint8 buffer[READ_CHUNK];
  gssize n_read;

  if (*fd < 0 && (*fd = g_open (data->log_path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    return;

  while ((n_read = read (*fd, buffer, sizeof buffer)) > 0 || (n_read < 0 && errno == EINTR))
    {
      gsize start = 0;

      if (n_read < 0)
        continue;
      g_byte_array_append (pending, buffer, (guint)n_read);
      for (gsize i = 0; i < pending->len; i++)
        if (pending->data[i] == '\n' || pending->data[i] == '\r')
          {
            post_line (data, (const char *)pending->data + start, i - start);
            start = i + 1;
          }
      g_byte_array_remove_range (pending, 0, (guint)start);
    }
}

static void
reader_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReaderData *data = task_data;
  g_autoptr(GByteArray) pending = g_byte_array_new ();
  gboolean ended = FALSE;
  int fd = -1;

  /* Not cancellable: after a cancel the trainer is signalled, and following the log until
   * it has gone keeps its last lines. The process is checked before each read, so the last
   * read comes after the trainer's last write. */
  while (!ended)
    {
      ended = !lk_trainer_process_is_running (data->pid, data->status_path);
      read_new_output (data, &fd, pending);
      if (!ended)
        g_usleep (POLL_INTERVAL_USEC);
    }
  post_line (data, (const char *)pending->data, pending->len);
  if (fd >= 0)
    g_close (fd, NULL);

  g_task_return_int (task, lk_trainer_process_read_exit_status (data->status_path));
}

/* Running ---------------------------------------------------------------------------------- */

static void
set_state (LkTrainerRun   *self,
           LkTrainerState  state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static gboolean
kill_cb (gpointer user_data)
{
  LkTrainerRun *self = user_data;

  self->kill_source = 0;
  lk_trainer_process_signal (self->pid, self->status_path, SIGKILL);

  return G_SOURCE_REMOVE;
}

void
lk_trainer_run_cancel (LkTrainerRun *self)
{
  g_return_if_fail (LK_IS_TRAINER_RUN (self));

  if (self->pid <= 0 || self->state != LK_TRAINER_STATE_RUNNING || self->cancel_requested)
    return;

  self->cancel_requested = TRUE;
  lk_trainer_process_signal (self->pid, self->status_path, SIGTERM);
  /* the reader thread holds a reference until the trainer is gone, and clears this */
  self->kill_source = g_timeout_add_seconds (KILL_AFTER_SECONDS, kill_cb, self);
}

static void
cancelled_cb (GCancellable *cancellable,
              LkTrainerRun *self)
{
  lk_trainer_run_cancel (self);
}

static void
reader_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkTrainerRun *self = LK_TRAINER_RUN (object);
  g_autoptr(GTask) task = user_data;
  g_autofree char *name = g_path_get_basename (self->output_path);
  int status = (int)g_task_propagate_int (G_TASK (result), NULL);

  g_clear_handle_id (&self->kill_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  if (self->cancel_requested)
    {
      set_state (self, LK_TRAINER_STATE_CANCELLED);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Training was cancelled; the log is in %s."), self->log_path);
    }
  else if (status < 0)
    {
      set_state (self, LK_TRAINER_STATE_INTERRUPTED);
      g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_KILLED,
                               _("The trainer stopped without reporting how it ended (it was "
                                 "killed, or the computer restarted). Its log is in %s."),
                               self->log_path);
    }
  else if (status > 128)
    {
      set_state (self, LK_TRAINER_STATE_FAILED);
      g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_KILLED,
                               _("The trainer was killed (signal %d), perhaps for lack of "
                                 "memory. Its log is in %s."),
                               status - 128, self->log_path);
    }
  else if (status != 0)
    {
      set_state (self, LK_TRAINER_STATE_FAILED);
      g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_FAILED,
                               _("The trainer failed (exit status %d): “%s”. Its log is in %s."),
                               status, self->last_line ? self->last_line : "", self->log_path);
    }
  else if (!g_file_test (self->output_path, G_FILE_TEST_IS_REGULAR))
    {
      set_state (self, LK_TRAINER_STATE_FAILED);
      g_task_return_new_error (task, LK_TRAINING_ERROR, LK_TRAINING_ERROR_NO_OUTPUT,
                               _("The trainer finished without writing %s. Check its log in "
                                 "%s."), name, self->log_path);
    }
  else
    {
      set_state (self, LK_TRAINER_STATE_SUCCEEDED);
      g_task_return_pointer (task, g_strdup (self->output_path), g_free);
    }
}

/* Follows the trainer (self->pid) until it ends, then completes @task. */
static void
observe (LkTrainerRun *self,
         GCancellable *cancellable,
         GTask        *task)
{
  g_autoptr(GTask) reader = NULL;
  ReaderData *data;

  g_assert (LK_IS_TRAINER_RUN (self));
  g_assert (self->pid > 0);

  set_state (self, LK_TRAINER_STATE_RUNNING);
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self,
                                                  NULL);
    }

  data = g_new0 (ReaderData, 1);
  data->self = g_object_ref (self);
  data->context = g_main_context_ref_thread_default ();
  data->log_path = g_strdup (self->log_path);
  data->status_path = g_strdup (self->status_path);
  data->pid = self->pid;

  reader = g_task_new (self, NULL, reader_done_cb, g_object_ref (task));
  g_task_set_source_tag (reader, observe);
  g_task_set_task_data (reader, data, (GDestroyNotify)reader_data_free);
  g_task_run_in_thread (reader, reader_worker);
}

void
lk_trainer_run_start_async (LkTrainerRun        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (LK_IS_TRAINER_RUN (self));
  g_return_if_fail (self->state == LK_TRAINER_STATE_IDLE);
  g_return_if_fail (self->argv != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_trainer_run_start_async);
  /* the outcome is reported even when cancelled: the log and state are worth having */
  g_task_set_check_cancellable (task, FALSE);

  self->pid = lk_trainer_process_spawn ((const char * const *)self->argv, self->log_path,
                                        self->status_path, &error);
  if (self->pid <= 0)
    {
      set_state (self, LK_TRAINER_STATE_FAILED);
      g_task_return_error (task, error);
      return;
    }

  observe (self, cancellable, task);
}

char *
lk_trainer_run_start_finish (LkTrainerRun  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lk_trainer_run_attach_async (LkTrainerRun        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_TRAINER_RUN (self));
  g_return_if_fail (self->state == LK_TRAINER_STATE_IDLE);
  g_return_if_fail (self->pid > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_trainer_run_attach_async);
  g_task_set_check_cancellable (task, FALSE);
  observe (self, cancellable, task);
}

char *
lk_trainer_run_attach_finish (LkTrainerRun  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
lk_trainer_run_dispose (GObject *object)
{
  LkTrainerRun *self = (LkTrainerRun *)object;

  g_clear_handle_id (&self->kill_source, g_source_remove);
  if (self->cancellable != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_trainer_run_parent_class)->dispose (object);
}

static void
lk_trainer_run_finalize (GObject *object)
{
  LkTrainerRun *self = (LkTrainerRun *)object;

  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->log_path, g_free);
  g_clear_pointer (&self->status_path, g_free);
  g_clear_pointer (&self->output_path, g_free);
  g_clear_pointer (&self->last_line, g_free);

  G_OBJECT_CLASS (lk_trainer_run_parent_class)->finalize (object);
}

static void
lk_trainer_run_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkTrainerRun *self = LK_TRAINER_RUN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STEP:
      g_value_set_int64 (value, self->step);
      break;
    case PROP_TOTAL_STEPS:
      g_value_set_int64 (value, self->total_steps);
      break;
    case PROP_EPOCH:
      g_value_set_int (value, self->epoch);
      break;
    case PROP_TOTAL_EPOCHS:
      g_value_set_int (value, self->total_epochs);
      break;
    case PROP_LOSS:
      g_value_set_double (value, self->loss);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, lk_trainer_run_get_fraction (self));
      break;
    case PROP_LOG_PATH:
      g_value_set_string (value, self->log_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_trainer_run_class_init (LkTrainerRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_trainer_run_dispose;
  object_class->finalize = lk_trainer_run_finalize;
  object_class->get_property = lk_trainer_run_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, LK_TRAINER_STATE_IDLE,
                                             LK_TRAINER_STATE_INTERRUPTED, LK_TRAINER_STATE_IDLE,
                                             ro);
  properties[PROP_STEP] = g_param_spec_int64 ("step", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_TOTAL_STEPS] =
    g_param_spec_int64 ("total-steps", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_EPOCH] = g_param_spec_int ("epoch", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_TOTAL_EPOCHS] =
    g_param_spec_int ("total-epochs", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_LOSS] = g_param_spec_double ("loss", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_LOG_PATH] = g_param_spec_string ("log-path", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkTrainerRun::output-line:
   * @self: the run
   * @line: one line of the trainer's output
   *
   * Emitted on the main context for every line the trainer prints (tqdm redraws included).
   */
  signals[OUTPUT_LINE] = g_signal_new ("output-line", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lk_trainer_run_init (LkTrainerRun *self)
{
  self->loss = -1.0;
}

LkTrainerRun *
lk_trainer_run_new (const char * const *argv,
                    const char         *log_path,
                    const char         *output_path)
{
  LkTrainerRun *self;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (log_path != NULL, NULL);
  g_return_val_if_fail (output_path != NULL, NULL);

  self = g_object_new (LK_TYPE_TRAINER_RUN, NULL);
  self->argv = g_strdupv ((char **)argv);
  self->log_path = g_strdup (log_path);
  self->status_path = g_strconcat (log_path, ".status", NULL);
  self->output_path = g_strdup (output_path);

  return self;
}

LkTrainerRun *
lk_trainer_run_new_for_process (int         pid,
                                const char *log_path,
                                const char *status_path,
                                const char *output_path)
{
  LkTrainerRun *self;

  g_return_val_if_fail (pid > 0, NULL);
  g_return_val_if_fail (log_path != NULL, NULL);
  g_return_val_if_fail (status_path != NULL, NULL);
  g_return_val_if_fail (output_path != NULL, NULL);

  self = g_object_new (LK_TYPE_TRAINER_RUN, NULL);
  self->pid = pid;
  self->log_path = g_strdup (log_path);
  self->status_path = g_strdup (status_path);
  self->output_path = g_strdup (output_path);

  return self;
}

LkTrainerState
lk_trainer_run_get_state (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), LK_TRAINER_STATE_IDLE);
  return self->state;
}

gint64
lk_trainer_run_get_step (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0);
  return self->step;
}

gint64
lk_trainer_run_get_total_steps (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0);
  return self->total_steps;
}

int
lk_trainer_run_get_epoch (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0);
  return self->epoch;
}

int
lk_trainer_run_get_total_epochs (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0);
  return self->total_epochs;
}

double
lk_trainer_run_get_loss (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), -1.0);
  return self->loss;
}

double
lk_trainer_run_get_fraction (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0.0);

  if (self->total_steps <= 0)
    return 0.0;
  return CLAMP ((double)self->step / (double)self->total_steps, 0.0, 1.0);
}

const char *
lk_trainer_run_get_log_path (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), NULL);
  return self->log_path;
}

const char *
lk_trainer_run_get_status_path (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), NULL);
  return self->status_path;
}

int
lk_trainer_run_get_pid (LkTrainerRun *self)
{
  g_return_val_if_fail (LK_IS_TRAINER_RUN (self), 0);
  return self->pid;
}
