#include "net/curlclient.h"

#include "net/curlexchange.h"

#include <QSocketNotifier>

#include <mutex>

CurlClient::CurlClient(QObject *parent)
    : QObject(parent)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlClient::onSocketRequest);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlClient::onTimerRequest);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

CurlClient::~CurlClient()
{
    // Exchanges first (each takes its handle out of the multi handle), then the watches curl asked for.
    qDeleteAll(findChildren<CurlExchange *>(Qt::FindDirectChildrenOnly));
    curl_multi_cleanup(m_multi);
}

CurlExchange *CurlClient::send(const QByteArray &method, const QNetworkRequest &request, const QByteArray &body,
                               qint64 bufferSize, std::chrono::milliseconds stallTimeout)
{
    auto *exchange = new CurlExchange(this, method, request, body, bufferSize, stallTimeout);
    exchange->setParent(this);
    // Adding only arms curl's timer (through onTimerRequest): no callback reaches the exchange before this returns.
    curl_multi_add_handle(m_multi, exchange->easy());
    exchange->setRunning(true);
    return exchange;
}

void CurlClient::cancel(CurlExchange *exchange)
{
    if (m_depth > 0) {
        m_cancelled.append(exchange);
        return;
    }
    detach(exchange);
    exchange->finish(CURLE_ABORTED_BY_CALLBACK);
}

void CurlClient::unpause(CurlExchange *exchange)
{
    if (!exchange->isRunning()) {
        return;
    }
    if (m_depth > 0) {
        // Inside curl: unpause once it has returned.
        QMetaObject::invokeMethod(
            this,
            [this, guard = QPointer<CurlExchange>(exchange)] {
                if (guard) {
                    unpause(guard);
                }
            },
            Qt::QueuedConnection);
        return;
    }
    ++m_depth;
    curl_easy_pause(exchange->easy(), CURLPAUSE_CONT);
    --m_depth;
    reap();
}

void CurlClient::detach(CurlExchange *exchange)
{
    if (exchange->isRunning()) {
        curl_multi_remove_handle(m_multi, exchange->easy());
        exchange->setRunning(false);
    }
}

int CurlClient::onSocketRequest(CURL *easy, curl_socket_t socket, int what, void *client, void *socketData)
{
    Q_UNUSED(easy)
    Q_UNUSED(socketData)
    static_cast<CurlClient *>(client)->watch(socket, what);
    return 0;
}

int CurlClient::onTimerRequest(CURLM *multi, long timeoutMs, void *client)
{
    Q_UNUSED(multi)
    auto *self = static_cast<CurlClient *>(client);
    if (timeoutMs < 0) {
        self->m_timer.stop();
    } else {
        // Never call back into curl from here: 0 means "as soon as the event loop turns".
        self->m_timer.start(static_cast<int>(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
    }
    return 0;
}

void CurlClient::watch(curl_socket_t socket, int what)
{
    Watch &w = m_watches[socket];
    auto ensure = [this, socket](QSocketNotifier *&notifier, QSocketNotifier::Type type, int flag) {
        if (!notifier) {
            notifier = new QSocketNotifier(socket, type, this);
            connect(notifier, &QSocketNotifier::activated, this, [this, socket, flag] { act(socket, flag); });
        }
        notifier->setEnabled(true);
    };
    auto drop = [](QSocketNotifier *&notifier) {
        if (notifier) {
            // Possibly inside its own activated(): disable now, delete later.
            notifier->setEnabled(false);
            notifier->disconnect();
            notifier->deleteLater();
            notifier = nullptr;
        }
    };
    if (what == CURL_POLL_REMOVE) {
        drop(w.read);
        drop(w.write);
        m_watches.erase(socket);
        return;
    }
    if (what & CURL_POLL_IN) {
        ensure(w.read, QSocketNotifier::Read, CURL_CSELECT_IN);
    } else if (w.read) {
        w.read->setEnabled(false);
    }
    if (what & CURL_POLL_OUT) {
        ensure(w.write, QSocketNotifier::Write, CURL_CSELECT_OUT);
    } else if (w.write) {
        w.write->setEnabled(false);
    }
}

void CurlClient::act(curl_socket_t socket, int flags)
{
    int running = 0;
    ++m_depth;
    curl_multi_socket_action(m_multi, socket, flags, &running);
    --m_depth;
    reap();
}

void CurlClient::reap()
{
    // Collect first: finishing an exchange may start another transfer (a redirect, the next file).
    QList<QPair<QPointer<CurlExchange>, CURLcode>> done;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg != CURLMSG_DONE) {
            continue;
        }
        CurlExchange *exchange = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &exchange);
        done.append({exchange, message->data.result});
    }
    for (const auto &[exchange, result] : std::as_const(done)) {
        if (exchange) {
            detach(exchange);
            exchange->finish(result);
        }
    }
    const QList<QPointer<CurlExchange>> cancelled = std::exchange(m_cancelled, {});
    for (const QPointer<CurlExchange> &exchange : cancelled) {
        if (exchange) {
            detach(exchange);
            exchange->finish(CURLE_ABORTED_BY_CALLBACK);
        }
    }
}
