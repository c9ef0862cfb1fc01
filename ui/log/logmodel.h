#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QStringList>

// The application log as a table: every message of Ferry's logging categories (ferry.*, core/util/logging.h) at
// the levels they are enabled for, and warnings and worse from any other category (Qt's own TLS or network
// complaints). Each text goes through Redactor::text() before it is stored, so no token, secret or signed URL
// query is ever held, shown, saved or put in a support bundle.
//
// install() makes this model the process's Qt message handler (one at a time); messages are still passed on,
// redacted, to the handler that was there before (stderr). The handler may be called from any thread: it only
// queues the message; the model adds queued messages in its own thread, in one batch per event-loop turn.
// At most maximumEntries() are kept (oldest dropped).
//
// For the main window:  auto *log = new LogModel(app); log->install(); new LogPane(log, parent);
class LogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Level, Category, Message, ColumnCount };
    Q_ENUM(Column)

    struct Entry
    {
        QDateTime time; // UTC
        QtMsgType type = QtInfoMsg;
        QString category;
        QString message; // redacted
    };

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override; // uninstalls

    void install();
    void uninstall();
    bool isInstalled() const;

    // Adds a message as the handler would (redacting it); thread-safe.
    void append(QtMsgType type, const QString &category, const QString &message);
    // Adds what is queued now instead of at the next event-loop turn.
    void flush();

    int maximumEntries() const { return m_maximum; }
    void setMaximumEntries(int maximum);

    const Entry &entry(int row) const { return m_entries.at(row); }
    QStringList categories() const { return m_categories; } // seen so far, sorted
    // Severity for ordering and filtering: debug 0, info 1, warning 2, critical 3, fatal 4.
    static int severity(QtMsgType type);
    static QString levelName(QtMsgType type); // translated: "Info"

    // Every entry as text, one line each: "2026-11-23T14:02:03.123Z warning ferry.net: …".
    QString text() const;
    static QString line(const Entry &entry);
    // Writes text() to `path` (0600). False with `error` set on failure.
    bool save(const QString &path, QString *error) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void categoriesChanged();

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);

    QList<Entry> m_entries;
    QStringList m_categories;
    int m_maximum = 20000;

    mutable QMutex m_mutex; // guards m_pending and m_flushQueued
    QList<Entry> m_pending;
    bool m_flushQueued = false;
};
