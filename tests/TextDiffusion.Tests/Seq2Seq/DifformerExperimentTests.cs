using TextDiffusion.Seq2Seq;
using TextDiffusion.Tests.Data;

namespace TextDiffusion.Tests.Seq2Seq;

[Collection(GlobalRandomStateCollection.Name)]
public class DifformerExperimentTests
{
    [SharedDataFact]
    public void WithACheckpointRootARerunReusesEveryModelAndItsProbes()
    {
        var root = Path.Combine(Path.GetTempPath(), $"td-difformer-{Guid.NewGuid():N}");
        var profile = DifformerProfile.Smoke with { TrainPairs = 64, TestPairs = 4, BatchSize = 8, Steps = 6, AblationSteps = 4, ProbeEvery = 2, DistanceTokens = 20 };
        try
        {
            using var first = new DifformerExperiment(profile, checkpointRoot: root);
            var main = first.Difformer(first.Translation, DifformerModules.Full);
            var ablation = first.Difformer(first.Translation, DifformerModules.Full, profile.AblationSteps);
            var ar = first.Translator(first.Translation);
            Assert.Equal((6, 4, 6), (main.Training.StepsRun, ablation.Training.StepsRun, ar.Training.StepsRun));
            Assert.Equal([0, 2, 4, 6], main.Probes.Select(p => p.Step));
            Assert.Equal(3, Directory.GetDirectories(Path.Combine(root, "multi30k-de-en")).Length);   // two Difformer budgets, one AR model

            using var second = new DifformerExperiment(profile, checkpointRoot: root);
            var again = second.Difformer(second.Translation, DifformerModules.Full);
            Assert.Equal(0, again.Training.StepsRun);                                    // nothing retrained
            Assert.Equal(0, second.Translator(second.Translation).Training.StepsRun);
            Assert.Equal(main.Training.WallSeconds, again.Training.WallSeconds);
            Assert.Equal(main.Probes, again.Probes);                                     // the probes of the steps not run again are kept
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
