/* lk-sim-test-util.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Plain libsoup clients for tests that talk to the simulator: blocking HTTP calls, and a
 * WebSocket that records every frame it receives while the test iterates its main context. */

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;     /* transport failure (connection refused, …) */
} LkSimTestReply;

LkSimTestReply *lk_sim_test_http          (SoupSession    *session,
                                           const char     *method,
                                           const char     *url,
                                           const char     *body,
                                           const char     *origin,
                                           const char     *range);
void            lk_sim_test_reply_free    (LkSimTestReply *reply);
const char     *lk_sim_test_reply_text    (LkSimTestReply *reply);
JsonNode       *lk_sim_test_reply_json    (LkSimTestReply *reply);

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray               *texts;     /* raw text frames */
  GPtrArray               *messages;  /* parsed text frames (JsonObject) */
  GPtrArray               *binaries;  /* GBytes */
  gboolean                 closed;
  GError                  *error;
} LkSimTestSocket;

LkSimTestSocket *lk_sim_test_socket_open  (SoupSession     *session,
                                           guint16          port,
                                           const char      *client_id,
                                           const char      *origin,
                                           GError         **error);
void             lk_sim_test_socket_free  (LkSimTestSocket *socket);
void             lk_sim_test_socket_close (LkSimTestSocket *socket);
int              lk_sim_test_socket_find  (LkSimTestSocket *socket,
                                           const char      *type,
                                           const char      *prompt_id,
                                           int              from);
gboolean         lk_sim_test_socket_ended (LkSimTestSocket *socket,
                                           const char      *prompt_id);
const char      *lk_sim_test_message_type (JsonObject      *message);
JsonObject      *lk_sim_test_message_data (JsonObject      *message);

JsonNode        *lk_sim_test_get          (JsonObject      *root,
                                           const char      *path);
const char      *lk_sim_test_get_string   (JsonObject      *root,
                                           const char      *path);
JsonObject      *lk_sim_test_get_object   (JsonObject      *root,
                                           const char      *path);
JsonArray       *lk_sim_test_get_array    (JsonObject      *root,
                                           const char      *path);
gint64           lk_sim_test_get_int      (JsonObject      *root,
                                           const char      *path);
JsonObject      *lk_sim_test_socket_data  (LkSimTestSocket *socket,
                                           int              index);

typedef gboolean (*LkSimTestCondition) (gpointer data);

gboolean         lk_sim_test_wait         (LkSimTestCondition condition,
                                           gpointer           data,
                                           guint              timeout_ms);
void             lk_sim_test_wait_ended   (LkSimTestSocket   *socket,
                                           const char        *prompt_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimTestReply, lk_sim_test_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSimTestSocket, lk_sim_test_socket_free)

G_END_DECLS
