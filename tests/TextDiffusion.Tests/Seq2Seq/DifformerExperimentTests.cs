using TextDiffusion.Experiments;
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

    [SharedDataFact]
    public void PartsTrainEveryModelOfTheNotebookOnceAndTheNotebookReusesThem()
    {
        var root = Path.Combine(Path.GetTempPath(), $"td-difformer-parts-{Guid.NewGuid():N}");
        var profile = DifformerProfile.Smoke with
        {
            TrainPairs = 64, TestPairs = 4, GigawordTrainPairs = 64, GigawordTestPairs = 4, BatchSize = 8, Steps = 4, AblationSteps = 2,
            GigawordSteps = 2, ProbeEvery = 2, DistanceTokens = 20,
        };
        try
        {
            IReadOnlyList<string> first, second;
            using (var a = new DifformerExperiment(profile, checkpointRoot: root)) first = a.TrainPart(0, 2);
            using (var b = new DifformerExperiment(profile, checkpointRoot: root)) second = b.TrainPart(1, 2);

            using var notebook = new DifformerExperiment(profile, checkpointRoot: root);
            var all = notebook.Models().Select(m => m.Name).ToList();
            Assert.Equal(16, all.Count);                                   // 2 AR, 2 × (vanilla, full) main, 8 ablation/distance, 2 post-norm
            Assert.Equal(all.Order(), first.Concat(second).Order());       // the two parts cover every model, each once
            Assert.Equal(8, first.Count);
            Assert.Equal(13, Directory.GetDirectories(Path.Combine(root, "multi30k-de-en")).Length);
            Assert.Equal(3, Directory.GetDirectories(Path.Combine(root, "gigaword")).Length);

            // What the notebook's tables ask for is reused, not trained again.
            Assert.Equal(0, notebook.Translator(notebook.Summarisation).Training.StepsRun);
            Assert.Equal(0, notebook.Difformer(notebook.Summarisation, DifformerModules.Vanilla).Training.StepsRun);
            Assert.Equal(0, notebook.Difformer(notebook.Translation, DifformerModules.Full with { TokenLoss = TokenLoss.None }, 2).Training.StepsRun);
            var postNorm = notebook.Difformer(notebook.Translation, DifformerModules.Full, 2, normFirst: false);   // the smoke profile is pre-norm
            Assert.Equal(0, postNorm.Training.StepsRun);
            Assert.False(postNorm.Model.Config.NormFirst);
            Assert.True(notebook.Difformer(notebook.Translation, DifformerModules.Full, 2).Model.Config.NormFirst);
            Assert.True(Directory.Exists(Path.Combine(root, "multi30k-de-en", "difformer-anchor-loss-embedding-ln-f-4-post-norm-2")));
            Assert.Same(notebook.Difformer(notebook.Translation, DifformerModules.Full, 2),
                notebook.Difformer(notebook.Translation, DifformerModules.Full, 2, normFirst: true));   // the profile's placement named explicitly
            Assert.Throws<ArgumentOutOfRangeException>(() => notebook.TrainPart(2, 2));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
    [SharedDataFact]
    public void DistillationReplacesEachTrainingTargetByTheTeachersBeamTranslationAndIsKept()
    {
        var root = Path.Combine(Path.GetTempPath(), $"td-difformer-kd-{Guid.NewGuid():N}");
        var profile = DifformerProfile.Smoke with { TrainPairs = 24, TestPairs = 4, BatchSize = 8, Steps = 4, DecodeBatchSize = 5 };
        try
        {
            int[][] expected;
            using (var first = new DifformerExperiment(profile, checkpointRoot: root))
            {
                var task = first.Translation;
                var kd = first.Distilled(task);
                var teacher = first.Translator(task).Model;
                var (beam, _) = Seq2SeqEvaluation.TranslateIds(teacher, task.Train, profile.ArBeam, profile.DecodeBatchSize);
                expected = [.. beam.Select((y, i) => y.Length > 0 ? y : task.Train.Targets[i])];
                Assert.Equal(expected, kd.Train.Targets);
                Assert.Same(task.Train.Sources, kd.Train.Sources);
                Assert.Same(task.Test, kd.Test);
                Assert.Same(teacher, first.Translator(kd).Model);                      // the teacher reranks its student's candidates
                Assert.Same(kd, first.Distilled(task));
                Assert.Equal(4, first.Difformer(kd, DifformerModules.Full).Training.StepsRun);
                Assert.True(Directory.Exists(Path.Combine(root, "multi30k-de-en-distilled")));
            }

            var file = Path.Combine(root, "multi30k-de-en", $"distilled-beam-{profile.ArBeam}", "targets.txt");
            File.WriteAllLines(file, File.ReadAllLines(file).Select((line, i) => i == 0 ? "5 6 7" : line));
            using (var second = new DifformerExperiment(profile, checkpointRoot: root))
                Assert.Equal([5, 6, 7], second.Distilled(second.Translation).Train.Targets[0]);   // read back, not decoded again

            File.WriteAllLines(file, File.ReadAllLines(file).Select((line, i) => i == 2 ? "5 x 7" : line));
            using (var bad = new DifformerExperiment(profile, checkpointRoot: root))
                Assert.Equal($"{file}, line 3: token id 'x', expected an integer in 0 … {bad.Translation.Tokenizer.VocabSize - 1}",
                    Assert.Throws<InvalidDataException>(() => bad.Distilled(bad.Translation)).Message);

            File.WriteAllLines(file, File.ReadAllLines(file).Where((_, i) => i != 2));   // the bad line gone, one target short
            using var third = new DifformerExperiment(profile, checkpointRoot: root);
            var error = Assert.Throws<InvalidDataException>(() => third.Distilled(third.Translation));
            Assert.Contains(file, error.Message);
            Assert.Contains("expected one per training pair (24)", error.Message);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
