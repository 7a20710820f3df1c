using TextDiffusion.Data;
using TextDiffusion.Infilling;

namespace TextDiffusion.Tests.Infilling;

/// <summary>A handful of hand-written five-sentence stories and αNLG-style examples for the infilling tests.</summary>
static class InfillingFixture
{
    public static readonly string[] Stories =
    [
        "Tom went to the park. He saw a dog. The dog ran to him. He threw a ball. Tom had a great day.",
        "Ann was hungry. She opened the fridge. It was empty. She went to the store. Ann ate a big dinner.",
        "Bob lost his keys. He looked under the bed. He looked in the car. His wife found them. Bob was very happy.",
        "Sue wanted a cat. She went to the shelter. She saw a small cat. She took it home. Sue loved her new cat.",
        "The rain would not stop. We stayed inside. We played a game. The sun came out. We went to the park.",
        "Tom was tired. He went to bed early. He slept well. He woke up at six. Tom felt great.",
        "This one has only three sentences. It is dropped. Really.",
    ];

    public static readonly AnlgExample[] Anlg =
    [
        new("a-1", "Tom was tired.", "Tom felt great.", ["He slept well.", "Tom went to bed early."]),
        new("b-1", "Ann was hungry.", "Ann ate a big dinner.", ["She went to the store.", "She cooked."]),
    ];

    public static RocCorpus Corpus(int sequenceLength = 32) => RocCorpus.FromStories(Stories, Anlg, sequenceLength, minCount: 1);
}
