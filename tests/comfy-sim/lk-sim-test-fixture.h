/* lk-sim-test-fixture.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-sim.h"
#include "lk-sim-test-files.h"
#include "lk-sim-test-util.h"

G_BEGIN_DECLS

/* One simulator per test, in its own thread, on a fresh install in a temporary directory,
 * and the calls every simulator test makes. */
typedef struct
{
  char        *base;
  LkComfySim  *sim;
  guint16      port;
  SoupSession *session;
} Fixture;

void             fixture_setup                (Fixture          *f,
                                               gconstpointer     data);
void             fixture_teardown             (Fixture          *f,
                                               gconstpointer     data);
char            *fixture_url                  (Fixture          *f,
                                               const char       *path);
LkSimTestReply  *fixture_call                 (Fixture          *f,
                                               const char       *method,
                                               const char       *path,
                                               const char       *body);
JsonNode        *fixture_call_json            (Fixture          *f,
                                               const char       *method,
                                               const char       *path,
                                               const char       *body,
                                               guint             expected_status);
char            *fixture_submit               (Fixture          *f,
                                               const char       *body);
LkSimTestSocket *fixture_open_socket          (Fixture          *f,
                                               const char       *client_id);
JsonObject      *fixture_history_entry        (Fixture          *f,
                                               const char       *prompt_id,
                                               JsonNode        **root);
JsonObject      *fixture_post_rejected        (Fixture          *f,
                                               const char       *body,
                                               JsonNode        **root);
gint64           lk_sim_test_queue_remaining  (JsonObject       *message);
char            *lk_sim_test_trace            (JsonObject       *message);
void             lk_sim_test_assert_trace     (LkSimTestSocket  *socket,
                                               int               index,
                                               const char       *expected);
guint            lk_sim_test_count_files      (const char       *dir);
gboolean         lk_sim_test_socket_is_closed (gpointer          data);

void             lk_sim_test_add_switch_tests (void);

G_END_DECLS
