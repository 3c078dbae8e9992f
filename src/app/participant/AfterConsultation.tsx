import type { SkmScores } from "../../core/operation.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { OutcomeView } from "./OutcomeView.tsx";
import { SkmSurvey } from "./SkmSurvey.tsx";

/** After the consultation: the outcome kept on the phone, then the SKM survey. Its own chunk: a first visit never needs it. */
export default function AfterConsultation({
  ticket,
  skmElements,
  onRate,
}: {
  ticket: TicketState;
  skmElements: readonly number[];
  onRate: (scores: SkmScores, comment: string) => Promise<void>;
}) {
  return (
    <>
      <OutcomeView outcome={ticket.outcome} />
      <SkmSurvey elements={skmElements} rating={ticket.rating} onRate={onRate} />
    </>
  );
}
