import { ErrorBoundary, LocationProvider, lazy, Route, Router } from "preact-iso";
import { NotFound } from "./NotFound.tsx";
import { UpdateBanner } from "./ui/UpdateBanner.tsx";

// One chunk per surface: a participant's phone never downloads desk, board or admin code.
const ParticipantPage = lazy(() => import("./participant/ParticipantPage.tsx").then((m) => m.default));
const DeskPage = lazy(() => import("./desk/DeskPage.tsx").then((m) => m.default));
const BoardPage = lazy(() => import("./board/BoardPage.tsx").then((m) => m.default));
const AdminPage = lazy(() => import("./admin/AdminPage.tsx").then((m) => m.default));

export function App() {
  return (
    <LocationProvider>
      <UpdateBanner />
      <ErrorBoundary>
        <Router>
          <Route path="/" component={ParticipantPage} />
          <Route path="/desk" component={DeskPage} />
          <Route path="/board" component={BoardPage} />
          <Route path="/admin" component={AdminPage} />
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  );
}
