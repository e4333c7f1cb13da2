/* bench-main-loop-stall.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Does the window stay responsive while a batch runs? A GtkWindow shows an LkJobsView over a
 * real LkGenerator (a scratch database with the demo studio on the harness's PostgreSQL, the
 * ComfyUI simulator in its own thread with live previews on) while N jobs of Mei Kobayashi are
 * asked for in batches of ten, a short pause apart, so that submissions, progress, previews,
 * downloads and catalog writes overlap as they do when an artist presses Generate a few times.
 *
 * Two probes on the main loop: a 5 ms timeout recording how late each tick fires, and the
 * frame clock's frame-to-frame intervals. Prints the maximum and the 99th percentile of each;
 * the target is a maximum stall under 50 ms. Nothing is asserted on time. Exits 77 without
 * PostgreSQL or a display. Usage: bench-main-loop-stall DEMO-LORA [N] [--no-view]
 * [--no-previews] (under xvfb-run); --no-view leaves the window empty and --no-previews turns
 * the server's previews off, to tell the view's share, and the previews', from the core's.
 * Frames are also timed from before-paint to after-paint, with the main thread's CPU time in
 * that span: a slow frame with little CPU time waited (for the GL driver, the X server or a
 * busy machine) rather than worked. LK_DEBUG_STALL=1 prints each late tick and slow frame. */

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <adwaita.h>

#include "lk-jobs-view.h"
#include "../lk-test-generator.h"
#include "lk-bench.h"

#define PROBE_MS        5
#define BATCH           10
#define BATCH_PAUSE_MS  300
#define STEP_MS         4
#define WAIT_S          600

typedef struct
{
  GArray  *lateness;      /* µs, one per probe tick */
  GArray  *busy;          /* µs of this thread's CPU time between two probe ticks */
  gint64   last_tick_cpu_us;
  GArray  *frames;        /* µs between frames */
  GArray  *frame_work;    /* µs from before-paint to after-paint: layout, snapshot, render */
  GArray  *frame_cpu;     /* µs of this thread's CPU time in the same span */
  gint64   paint_start_us;
  gint64   paint_start_cpu_us;
  gint64   expected_us;
  gint64   last_frame_us;
  guint    finished;
  guint    failed;
  gboolean probing;
} Bench;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
probe_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (bench->probing)
    {
      gint64 late = MAX (0, now - bench->expected_us);
      gint64 busy = cpu - bench->last_tick_cpu_us;

      g_array_append_val (bench->busy, busy);

      if (g_getenv ("LK_DEBUG_STALL") && late > 40000)
        g_printerr ("late tick %.1f ms at %.3f\n", late / 1000.0, now / 1e6);

      g_array_append_val (bench->lateness, late);
    }
  bench->expected_us = now + PROBE_MS * 1000;
  bench->last_tick_cpu_us = cpu;

  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (bench->probing && bench->last_frame_us > 0)
    {
      gint64 interval = now - bench->last_frame_us;

      g_array_append_val (bench->frames, interval);
    }
  bench->last_frame_us = now;

  return G_SOURCE_CONTINUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->paint_start_us = g_get_monotonic_time ();
  bench->paint_start_cpu_us = thread_cpu_us ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 work = g_get_monotonic_time () - bench->paint_start_us;
  gint64 cpu = thread_cpu_us () - bench->paint_start_cpu_us;

  if (bench->probing && bench->paint_start_us > 0)
    {
      g_array_append_val (bench->frame_work, work);
      g_array_append_val (bench->frame_cpu, cpu);
    }
  if (g_getenv ("LK_DEBUG_STALL") && work > 40000)
    g_printerr ("slow frame %.1f ms at %.3f\n", work / 1000.0, g_get_monotonic_time () / 1e6);
}

static void
job_finished_cb (LkJobsView     *view,
                 LkGeneratorJob *job,
                 Bench          *bench)
{
  bench->finished++;
  if (lk_generator_job_get_state (job) != LK_JOB_SUCCEEDED)
    bench->failed++;
}

/* Without the view, job-finished is counted from the jobs' own state. */
static void
job_state_cb (LkGeneratorJob *job,
              GParamSpec     *pspec,
              Bench          *bench)
{
  if (lk_generator_job_is_finished (job))
    {
      g_signal_handlers_disconnect_by_func (job, job_state_cb, bench);
      job_finished_cb (NULL, job, bench);
    }
}

static void
follow_without_view (Bench      *bench,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *jobs)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(LkGeneratorJob) job = g_list_model_get_item (jobs, position + i);

      g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), bench);
    }
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
print_figures (const char *what,
               GArray     *samples)
{
  gint64 max, p99, p50;

  if (samples->len == 0)
    {
      g_print ("%-34s no samples\n", what);
      return;
    }

  g_array_sort (samples, lk_bench_compare_us);
  max = g_array_index (samples, gint64, samples->len - 1);
  p99 = g_array_index (samples, gint64, (samples->len - 1) * 99 / 100);
  p50 = g_array_index (samples, gint64, (samples->len - 1) / 2);
  g_print ("%-34s %7u samples  median %6.1f ms  p99 %6.1f ms  max %6.1f ms\n",
           what, samples->len, p50 / 1000.0, p99 / 1000.0, max / 1000.0);
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkCharacter) mei = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(JsonObject) previews = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  Fixture f = { 0 };
  Bench bench = { 0 };
  GtkWidget *window;
  GtkWidget *view;
  guint n_jobs = 100;
  gboolean with_view = TRUE;
  gboolean with_previews = TRUE;
  guint probe_id;
  guint tick_id;
  gint64 start_us, deadline_us;
  gint64 max_late;
  gint64 max_busy;

  if (argc < 2)
    {
      g_printerr ("usage: %s DEMO-LORA [N]\n", argv[0]);
      return 1;
    }
  lk_test_generator_demo_lora = g_canonicalize_filename (argv[1], NULL);
  if (argc > 2)
    n_jobs = (guint) MAX (1, atoi (argv[2]));
  for (int i = 3; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--no-view") == 0)
        with_view = FALSE;
      else if (g_strcmp0 (argv[i], "--no-previews") == 0)
        with_previews = FALSE;
    }
  if (!lk_test_pg_available ())
    {
      g_printerr ("No PostgreSQL server is reachable with libpq's defaults (run under "
                  "pg_virtualenv); skipping.\n");
      return 77;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("No display (run under xvfb-run); skipping.\n");
      return 77;
    }
  adw_init ();

  lk_test_generator_setup (&f, NULL);
  lk_comfy_sim_set_step_ms (f.sim, STEP_MS);
  previews = lk_test_comfy_parse_object (with_previews ? "{\"preview_method\": \"auto\"}"
                                                      : "{\"preview_method\": \"none\"}");
  if (!lk_comfy_sim_control (f.sim, previews, &error))
    g_error ("%s", error->message);

  lk_catalog_find_character_async (f.catalog, "Mei Kobayashi", NULL, wait_cb, &found);
  mei = lk_catalog_find_character_finish (f.catalog, lk_test_comfy_wait_result (&found), &error);
  if (mei == NULL)
    g_error ("%s", error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  view = lk_jobs_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  if (with_view)
    lk_jobs_view_set_generator (LK_JOBS_VIEW (view), f.generator);
  else
    g_signal_connect_swapped (lk_generator_get_jobs (f.generator), "items-changed",
                              G_CALLBACK (follow_without_view), &bench);
  g_signal_connect (view, "job-finished", G_CALLBACK (job_finished_cb), &bench);
  gtk_window_present (GTK_WINDOW (window));
  run_for (500);

  bench.lateness = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.busy = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.last_tick_cpu_us = thread_cpu_us ();
  bench.frame_work = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.frame_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                    G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  bench.expected_us = g_get_monotonic_time () + PROBE_MS * 1000;
  probe_id = g_timeout_add (PROBE_MS, probe_cb, &bench);
  tick_id = gtk_widget_add_tick_callback (window, tick_cb, &bench, NULL);
  bench.probing = TRUE;
  start_us = g_get_monotonic_time ();

  /* batches of ten, a pause apart: each press of Generate while earlier jobs still run */
  for (guint asked = 0; asked < n_jobs; asked += BATCH)
    {
      g_autoptr(GAsyncResult) generated = NULL;
      g_autoptr(GPtrArray) jobs = NULL;
      LkGenerateRequest request;

      lk_generate_request_init (&request);
      request.count = MIN (BATCH, n_jobs - asked);
      if (g_getenv ("LK_DEBUG_STALL"))
        g_printerr ("batch at %.3f\n", g_get_monotonic_time () / 1e6);
      lk_generator_generate_async (f.generator, lk_character_get_id (mei), &request, NULL,
                                   wait_cb, &generated);
      while (generated == NULL)
        g_main_context_iteration (NULL, TRUE);
      jobs = lk_generator_generate_finish (f.generator, generated, &error);
      if (jobs == NULL)
        g_error ("%s", error->message);
      run_for (BATCH_PAUSE_MS);
    }

  deadline_us = g_get_monotonic_time () + WAIT_S * G_TIME_SPAN_SECOND;
  while (bench.finished < n_jobs && g_get_monotonic_time () < deadline_us)
    g_main_context_iteration (NULL, TRUE);
  bench.probing = FALSE;

  g_print ("\nMain loop while %u jobs run (batches of %u, %u ms apart; %u ms per step; previews "
           "%s), %s in a %dx%d window:\n",
           n_jobs, BATCH, BATCH_PAUSE_MS, STEP_MS, with_previews ? "on" : "off",
           with_view ? "LkJobsView" : "nothing", 900, 700);
  g_print ("%-34s %7u of %u (%u not succeeded) in %.1f s\n", "jobs finished", bench.finished,
           n_jobs, bench.failed, (g_get_monotonic_time () - start_us) / 1e6);
  print_figures ("5 ms timeout lateness", bench.lateness);
  print_figures ("  main-thread CPU between ticks", bench.busy);
  print_figures ("frame clock interval", bench.frames);
  print_figures ("frame work (layout, draw, render)", bench.frame_work);
  print_figures ("  of which main-thread CPU", bench.frame_cpu);
  /* print_figures() sorted the samples */
  max_late = bench.lateness->len ? g_array_index (bench.lateness, gint64, bench.lateness->len - 1) : 0;
  max_busy = bench.busy->len ? g_array_index (bench.busy, gint64, bench.busy->len - 1) : 0;
  g_print ("%-34s %s (max stall %.1f ms, target < 50 ms; longest stretch of main-thread work "
           "%.1f ms)\n", "verdict", max_late < 50000 ? "within target" : "OVER TARGET",
           max_late / 1000.0, max_busy / 1000.0);

  g_source_remove (probe_id);
  gtk_widget_remove_tick_callback (window, tick_id);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  lk_test_generator_teardown (&f, NULL);
  g_array_unref (bench.lateness);
  g_array_unref (bench.frames);
  g_array_unref (bench.frame_work);
  g_array_unref (bench.frame_cpu);
  g_array_unref (bench.busy);

  return bench.finished == n_jobs ? 0 : 1;
}
