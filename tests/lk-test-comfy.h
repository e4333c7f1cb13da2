/* lk-test-comfy.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-comfy-client.h"
#include "lk-comfy-sim.h"

G_BEGIN_DECLS

/* Every wait of a test fails after this long. */
#define LK_TEST_COMFY_WAIT_S 60

typedef gboolean (*LkTestCondition) (gpointer data);

LkComfySim   *lk_test_comfy_start_sim       (const char     *base,
                                             guint           step_ms,
                                             const char     *disabled_node,
                                             guint16        *port);
void          lk_test_comfy_wait_until      (LkTestCondition condition,
                                             gpointer        data,
                                             const char     *what);
gboolean      lk_test_comfy_job_finished    (gpointer        job);
gboolean      lk_test_comfy_job_running     (gpointer        job);
gboolean      lk_test_comfy_client_online   (gpointer        client);
void          lk_test_comfy_store_result_cb (GObject        *object,
                                             GAsyncResult   *result,
                                             gpointer        user_data);
GAsyncResult *lk_test_comfy_wait_result     (GAsyncResult  **slot);
JsonObject   *lk_test_comfy_parse_object    (const char     *text);
JsonObject   *lk_test_comfy_txt2img         (const char     *lora,
                                             double          strength,
                                             gint64          seed,
                                             int             steps,
                                             const char     *prefix);
LkJob        *lk_test_comfy_submit_and_wait (LkComfyClient  *client,
                                             JsonObject     *graph,
                                             GError        **error);
char         *lk_test_comfy_dead_server_url (void);

G_END_DECLS
