// Durability of WAL commits from another thread; see wal_sync.h.
#include "store/wal_sync.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace frontline::store {

WalSync::WalSync(std::string databasePath)
    : m_databasePath(std::move(databasePath)), m_db(Database::open(m_databasePath)) {}

WalSync::~WalSync() {
  if (m_fd >= 0) ::close(m_fd);
}

void WalSync::sync() {
  if (m_fd < 0) {
    // The WAL exists once the store is in WAL mode and has been written; it is kept (not
    // deleted) while any connection, this one included, is open.
    const std::string wal = m_databasePath + "-wal";
    m_fd = ::open(wal.c_str(), O_RDWR | O_CLOEXEC);
    if (m_fd < 0 && errno == ENOENT) return;  // nothing written yet: nothing to make durable
    if (m_fd < 0) throw StoreError("cannot open " + wal + " to make commits durable: " + std::strerror(errno));
  }
  // fdatasync: the frames, and the file's size when a commit grew it; not its times. Once
  // the WAL is reused from its start (checkpoint()), a commit changes no size and the
  // sync writes no file-system metadata at all.
  if (::fdatasync(m_fd) != 0) {
    throw StoreError("cannot make the store's commits durable (fdatasync of " + m_databasePath +
                     "-wal): " + std::strerror(errno));
  }
}

int WalSync::checkpoint() {
  int logFrames = 0;
  int copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(m_db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    throw StoreError(std::string("checkpoint of ") + m_databasePath + ": " + sqlite3_errmsg(m_db.handle()));
  }
  return logFrames - copied;
}

}  // namespace frontline::store
