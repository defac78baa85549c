// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title MockAggregatorV3
/// @notice Chainlink-style price feed for tests. Round ids are phase-aware like those of a
///         Chainlink proxy: roundId = (uint80(phaseId) << 64) | aggregatorRoundId. The phase starts
///         at 1; setPhase starts aggregator round ids at 1 again. Answers are never clamped to
///         [minAnswer, maxAnswer]; tests set boundary values themselves.
contract MockAggregatorV3 is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool exists;
    }

    /// Chainlink aggregator events, emitted by updateAnswer and updateRoundData.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    uint8 public immutable override decimals;
    int192 public immutable minAnswer;
    int192 public immutable maxAnswer;
    string public override description;

    /// Current phase, as reported by a Chainlink proxy's phaseId().
    uint16 public phaseId;
    /// Last aggregator round id handed out in the current phase (0 = none yet).
    uint64 public aggregatorRoundId;
    /// Round returned by latestRoundData (0 = no data yet).
    uint80 public latestRound;

    mapping(uint80 => Round) private _rounds;

    constructor(uint8 decimals_, string memory description_, int192 minAnswer_, int192 maxAnswer_) {
        decimals = decimals_;
        description = description_;
        minAnswer = minAnswer_;
        maxAnswer = maxAnswer_;
        phaseId = 1;
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    /// @notice Starts a new round in the current phase with startedAt = updatedAt =
    ///         block.timestamp and answeredInRound = the new round id.
    function updateAnswer(int256 answer) external returns (uint80 roundId) {
        aggregatorRoundId += 1;
        roundId = (uint80(phaseId) << 64) | uint80(aggregatorRoundId);
        _rounds[roundId] = Round(answer, block.timestamp, block.timestamp, roundId, true);
        latestRound = roundId;
        emit NewRound(roundId, msg.sender, block.timestamp);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }

    /// @notice Stores arbitrary (possibly stale or inconsistent) data for `roundId` and makes it the
    ///         latest round. If `roundId` lies in the current phase beyond the round counter, the
    ///         counter moves up to it, so the next updateAnswer continues after it.
    function updateRoundData(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external {
        _rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound, true);
        latestRound = roundId;
        if (uint16(roundId >> 64) == phaseId && uint64(roundId) > aggregatorRoundId) {
            aggregatorRoundId = uint64(roundId);
        }
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    /// @notice Switches to `newPhaseId`; the next updateAnswer yields (newPhaseId << 64) | 1.
    ///         Rounds of earlier phases stay readable through getRoundData, and latestRoundData keeps
    ///         returning the last stored round until a new one is written.
    function setPhase(uint16 newPhaseId) external {
        phaseId = newPhaseId;
        aggregatorRoundId = 0;
    }

    function getRoundData(uint80 _roundId)
        public
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round storage r = _rounds[_roundId];
        require(r.exists, "No data present");
        return (_roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    /// @notice Reverts with "No data present" until a round has been written.
    function latestRoundData()
        external
        view
        override
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRound);
    }

    /// Legacy AggregatorInterface views.
    function latestAnswer() external view returns (int256) {
        return _rounds[latestRound].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return _rounds[latestRound].updatedAt;
    }
}
