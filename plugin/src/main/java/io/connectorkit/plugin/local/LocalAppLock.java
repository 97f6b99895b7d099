package io.connectorkit.plugin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the goals that change one embedded app, across processes (a file lock, released by the operating
 * system even when a process is killed) and across threads of one JVM (where a file lock cannot be taken twice).
 */
final class LocalAppLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private LocalAppLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits until no other goal holds the app, at most the timeout. */
    static LocalAppLock acquire(Path lockFile, Duration timeout, Runnable onWait) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(key, path -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!threadLock.tryLock()) {
                onWait.run();
                if (!threadLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw busy(lockFile, timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + lockFile, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            boolean told = false;
            while (fileLock == null) {
                if (!told) {
                    onWait.run();
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw busy(lockFile, timeout);
                }
                // Another process holds it: poll, since a blocking lock() could not honour the timeout.
                Thread.sleep(50);
                fileLock = channel.tryLock();
            }
            return new LocalAppLock(threadLock, channel, fileLock);
        } catch (IOException e) {
            release(threadLock, channel);
            throw new UncheckedIOException("Cannot lock " + lockFile, e);
        } catch (InterruptedException e) {
            release(threadLock, channel);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + lockFile, e);
        } catch (RuntimeException e) {
            release(threadLock, channel);
            throw e;
        }
    }

    private static IllegalStateException busy(Path lockFile, Duration timeout) {
        return new IllegalStateException("Another goal has been changing this embedded app for more than "
                + timeout.toSeconds() + " s (lock " + lockFile + "); wait for it to finish and run again");
    }

    private static void release(ReentrantLock threadLock, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // Closing releases the lock; nothing else to do.
        } finally {
            threadLock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException ignored) {
            // The channel's close below releases it too.
        }
        release(threadLock, channel);
    }
}
