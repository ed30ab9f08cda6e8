using System.Diagnostics;

namespace Segmenta.Web.Jobs;

/// <summary>A job record of the queue: its state, steps, timings and cancellation (see <see cref="JobQueue"/>).</summary>
public sealed partial class JobQueue
{
    internal sealed class Entry(string id, string kind, DateTimeOffset queuedAt) : IDisposable
    {
        private readonly Stopwatch _clock = new();
        private double _restoredSeconds;
        private string? _stepKey;
        private readonly List<JobStepTime> _timings = [];
        private string? _part;
        private double _partStarted;
        private double _partCpu;
        private IReadOnlyList<JobStepTime>? _restoredTimings;

        public CancellationTokenSource Cancellation { get; } = new();

        public volatile bool Publishing;

        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public volatile JobState State;

        public volatile string? Step;

        public string? Message { get; private set; }

        public string? RunFolder { get; private set; }

        public DateTimeOffset? FinishedAt { get; private set; }

        public int Steps;

        public void Dispose() => Cancellation.Dispose();

        /// <summary>A job of an earlier server process, as its record was saved.</summary>
        public static Entry Restore(JobStatus saved)
        {
            var entry = new Entry(saved.Id, saved.Kind, saved.QueuedAt)
            {
                State = saved.State,
                Message = saved.Message,
                RunFolder = saved.RunFolder,
                FinishedAt = saved.FinishedAt,
                _restoredSeconds = saved.Seconds,
                _restoredTimings = saved.Timings,
            };
            return entry;
        }

        /// <summary>Counts a step; progress lines of the same step ("Loading x.csv: 250,000 lines") are not new steps.</summary>
        public void OnStep(string step)
        {
            Step = step;
            var colon = step.IndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? step : step[..colon];
            if (key != _stepKey)
            {
                _stepKey = key;
                Interlocked.Increment(ref Steps);
                Mark(key);
            }
        }

        /// <summary>Starts timing a part of the job (a step, or the queue's own work); the part before it ends here.</summary>
        public void Mark(string? part)
        {
            lock (_timings)
            {
                var now = _clock.Elapsed.TotalSeconds;
                var cpu = ProcessCpu();
                if (_part is { } previous)
                {
                    _timings.Add(new JobStepTime(previous, Math.Round(now - _partStarted, 3), Math.Round(cpu - _partCpu, 3)));
                }
                _part = part;
                _partStarted = now;
                _partCpu = cpu;
            }
        }

        private IReadOnlyList<JobStepTime> Timings()
        {
            lock (_timings)
            {
                return _part is null ? [.. _timings] : [.. _timings, new JobStepTime(_part, Math.Round(_clock.Elapsed.TotalSeconds - _partStarted, 3), Math.Round(ProcessCpu() - _partCpu, 3))];
            }
        }

        private static double ProcessCpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }

        public void Started(string runFolder)
        {
            RunFolder = runFolder;
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }
            State = JobState.Running;
        }

        public void Finish(JobState state, string message)
        {
            Message = message;
            FinishedAt = DateTimeOffset.UtcNow;
            Mark(null);
            _clock.Stop();
            Step = null;
            State = state;
        }

        public JobStatus Status(int? typicalSteps)
        {
            var state = State;
            double? progress = state switch
            {
                JobState.Queued => 0,
                JobState.Running => typicalSteps is > 0 ? Math.Round(Math.Clamp((Volatile.Read(ref Steps) - 1) / (double)typicalSteps.Value, 0, 0.95), 2) : null,
                JobState.Succeeded => 1,
                _ => null,
            };
            return new JobStatus(Id, Kind, state, progress, Step, Message, RunFolder, QueuedAt, FinishedAt, Math.Round(_restoredSeconds + _clock.Elapsed.TotalSeconds, 2))
            {
                Timings = _restoredTimings ?? Timings(),
            };
        }
    }
}
